"""Failed logins and lock-outs go into the audit log (connected in ``AccountsConfig.ready``).

The entry names the account only when the typed username is one: what someone typed into the
username field may be anything, a password included, and is not written down. No address is
written either (the audit log, like the access log, keeps no client addresses).
"""

from __future__ import annotations

from typing import Any

from porras.accounts import audit
from porras.accounts.models import User

UNKNOWN_ACCOUNT = "(no such account)"


def _account(username: Any) -> User | None:
    if not isinstance(username, str) or not username:
        return None
    return User.objects.filter(username=username).first()


def _record(action: str, outcome: str, username: Any) -> None:
    user = _account(username)
    audit.record(None, action, "user", user.pk if user else "", outcome=outcome,
                 username=user.username if user else UNKNOWN_ACCOUNT)


def login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    """django.contrib.auth's ``user_login_failed``: a wrong password, an unknown user, or a refusal
    during a lock-out."""
    _record("login", audit.Outcome.FAILED, credentials.get(User.USERNAME_FIELD))


def locked_out(sender: Any, request: Any = None, username: Any = None, **kwargs: Any) -> None:
    """django-axes' ``user_locked_out``: the limit was reached, or a locked combination tried again."""
    _record("login.lockout", audit.Outcome.DENIED, username)
