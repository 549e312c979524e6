from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate


def _reinstall_chain_triggers(sender, using="default", **kwargs) -> None:
    from django.db import connections

    from hearth.accounts import chain

    connection = connections[using]
    if connection.vendor == "sqlite":  # PostgreSQL keeps a table's triggers through every ALTER TABLE
        chain.install_triggers(connection)


class AccountsConfig(AppConfig):
    name = "hearth.accounts"
    label = "accounts"
    verbose_name = "Accounts, teams and access"

    def ready(self) -> None:
        from hearth.accounts import chain

        connection_created.connect(chain.register_sqlite_functions, dispatch_uid="hearth-chain-sqlite-functions")
        # SQLite drops a table's triggers when a migration rebuilds it: put the log's back after every migrate.
        post_migrate.connect(_reinstall_chain_triggers, sender=self, dispatch_uid="hearth-chain-triggers")

        from django.contrib.auth.signals import user_logged_in

        from hearth.accounts.sessions import note_sign_in

        user_logged_in.connect(note_sign_in, dispatch_uid="hearth.accounts.sessions.note_sign_in")

        from django.contrib.auth import user_logged_in
        from django.contrib.auth.models import update_last_login

        from hearth.accounts import navigation  # noqa: F401  (registrations)
        from hearth.accounts.signals import stamp_last_login

        # A sign-in is not a change to the account: stamp it without a version in the history.
        user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")
        user_logged_in.connect(stamp_last_login, dispatch_uid="hearth_stamp_last_login")
