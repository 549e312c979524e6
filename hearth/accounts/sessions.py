"""Sessions kept on the server, so that signing out ends them everywhere.

Django's `cached_db` store reads a session from the cache and trusts it: with a cache in each web
process (the local-memory cache), a session signed out in one process would still let a copied cookie
in, in every other process that had it cached (the view runs; only the write at the end fails).
This store keeps the cache for the session's contents but asks the database, on every request, whether
the session still stands, in the same single UPDATE that slides its expiry on (sessions end 30 minutes
after the last request). A session deleted by signing out, by `clearsessions` or by an administrator,
or past its expiry, ends in every process at its next request. So a page costs one query for its
session: the UPDATE (two, a SELECT and the UPDATE, the first time a process sees the session).

A session also ends `HEARTH_SESSION_MAX_AGE` seconds after sign-in however busy it is kept, so a copied
cookie cannot be kept alive for ever by using it.
"""

from django.conf import settings
from django.contrib.sessions.backends import cached_db
from django.utils import timezone

SIGNED_IN_AT = "_hearth_signed_in_at"


class SessionStore(cached_db.SessionStore):
    """cached_db, with the database asked on every request whether the session still stands.

    Hearth runs under WSGI; the async methods are the parent's and would skip the check.
    """

    cache_key_prefix = "hearth.accounts.sessions."

    def __init__(self, session_key=None):
        super().__init__(session_key)
        self._confirmed = False  # the database said this session stands, and its expiry has slid on

    def load(self) -> dict:
        self._confirmed = False
        data = self._cache.get(self.cache_key)
        if data is None:
            # Not cached in this process: the database read checks the expiry itself; save() slides it.
            data = super().load()
        elif self._slide_expiry(data):
            self._confirmed = True
        else:
            return self._ended()
        if data and _past_max_age(data):
            return self._ended()
        return data

    def save(self, must_create: bool = False) -> None:
        if self._confirmed and not must_create and not self.modified:
            return  # nothing changed, and the expiry slid on when the session was read
        super().save(must_create)

    def _slide_expiry(self, data: dict) -> bool:
        """Move the session's expiry on if it still stands; False if it was ended or has expired."""
        return self.model.objects.filter(session_key=self.session_key, expire_date__gt=timezone.now()).update(
            expire_date=self.get_expiry_date(expiry=data.get("_session_expiry"))) == 1

    def _ended(self) -> dict:
        self.delete(self.session_key)
        self._session_key = None
        return {}


def _past_max_age(data: dict) -> bool:
    signed_in_at = data.get(SIGNED_IN_AT)
    return signed_in_at is not None and timezone.now().timestamp() - signed_in_at > settings.HEARTH_SESSION_MAX_AGE


def note_sign_in(sender, request, user, **kwargs) -> None:
    """Record when the session's user signed in, for its longest life."""
    request.session[SIGNED_IN_AT] = timezone.now().timestamp()
