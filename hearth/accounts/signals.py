"""Receivers for Django's sign-in signals."""

from django.utils import timezone

from hearth.accounts.models import User


def stamp_last_login(sender, user: User, **kwargs) -> None:
    """Record when the user signed in, as one UPDATE and no history version (unlike `user.save()`)."""
    user.last_login = timezone.now()
    User.objects.filter(pk=user.pk).update(last_login=user.last_login)
