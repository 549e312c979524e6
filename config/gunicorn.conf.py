"""Gunicorn's settings for Hearth: `gunicorn -c config/gunicorn.conf.py config.wsgi`.

Threaded workers (gthread): a worker per core, plus one, so a core is never idle while another waits
on the database, and four threads in each to overlap requests waiting on PostgreSQL. Python runs one
thread at a time per process, so more threads do not add processing, only overlap.

    cores   workers   threads   requests at once   PostgreSQL connections (at most, 1 per thread)
      2        3         4             12                 12
      8        9         4             36                 36
     32       33         4            132                132 (raise max_connections, or use PgBouncer)

WEB_CONCURRENCY and GUNICORN_THREADS override the counts; HEARTH_BIND the address (default 127.0.0.1:8000,
for a reverse proxy on the same server).
"""

import multiprocessing
import os

bind = os.environ.get("HEARTH_BIND", "127.0.0.1:8000")
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 4))

# Load Django once, then fork: workers start fast and share the loaded code's memory.
preload_app = True
# A worker stuck for 30 seconds is replaced; a restart lets requests under way finish for 30 seconds.
timeout = 30
graceful_timeout = 30
# The reverse proxy keeps connections open to Gunicorn between requests.
keepalive = 5
# Replace each worker after about a thousand requests, so no slow leak can grow for long.
max_requests = 1000
max_requests_jitter = 100
# Hearth logs each request itself, as JSON (hearth.core.middleware); Gunicorn logs only its own events.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Only the reverse proxy on this server may say the request came over HTTPS.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# No control socket: nothing here uses it, and it would be written under the service user's home.
control_socket_disable = True
