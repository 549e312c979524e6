"""`make loadtest`: Hearth under Gunicorn on PostgreSQL, driven over loopback by Locust at a steady rate.

`runner` prepares the seeded `la` council, starts Gunicorn and Locust and writes var/bench/load.json;
`locustfile` is the signed-in users' mix of pages; `summary` turns Locust's figures into load.json.
"""
