from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "hearth.accounts"
    label = "accounts"
    verbose_name = "Accounts, teams and access"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from hearth.accounts.sessions import note_sign_in

        user_logged_in.connect(note_sign_in, dispatch_uid="hearth.accounts.sessions.note_sign_in")
