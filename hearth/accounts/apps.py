from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "hearth.accounts"
    label = "accounts"
    verbose_name = "Accounts, teams and access"

    def ready(self) -> None:
        from django.contrib.auth import user_logged_in
        from django.contrib.auth.models import update_last_login

        from hearth.accounts import navigation  # noqa: F401  (registrations)
        from hearth.accounts.signals import stamp_last_login

        # A sign-in is not a change to the account: stamp it without a version in the history.
        user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")
        user_logged_in.connect(stamp_last_login, dispatch_uid="hearth_stamp_last_login")
