"""`manage.py flush`, as Django's, but letting SQLite's append-only triggers pass while every table is emptied.

Emptying the whole database (the test suite between live-server tests, `seed --force` on a
council the seed made) is not a change to the audit trail; PostgreSQL's TRUNCATE never fires
the row triggers anyway.
"""

from django.core.management.commands import flush

from hearth.accounts.chain import emptying_database


class Command(flush.Command):
    def handle(self, **options):
        with emptying_database():
            return super().handle(**options)
