"""Rate limits the navigator's workers share: attempts per key in a fixed window, counted atomically.

``take`` counts one attempt and says whether it was within the limit, in one transaction of
conditional ``UPDATE … SET count = count + 1 WHERE count < limit`` statements. Each is atomic on
both databases (PostgreSQL re-checks the condition on the row it waited for; SQLite's IMMEDIATE
transactions take the write lock first), so however many requests race, at most ``limit`` of them are
counted per window. (Django's cache would not do: the database cache's ``incr`` reads and then
writes, and it culls a third of its entries when it holds more than 300.)
"""

from __future__ import annotations

import hashlib
import hmac
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from porras.navigator.models import AttemptCounter


@dataclass(frozen=True)
class Decision:
    allowed: bool
    retry_after: int  # seconds until the window ends (when not allowed)


def _count_one(key: str, limit: int) -> bool:
    return bool(AttemptCounter.objects.filter(key=key, count__lt=limit).update(count=F("count") + 1))


def take(key: str, limit: int, window: timedelta, *, now: datetime | None = None) -> Decision:
    """Count one attempt under ``key`` unless ``limit`` were already counted in its current window."""
    now = now or timezone.now()
    with transaction.atomic():
        AttemptCounter.objects.filter(key=key, window_ends__lte=now).update(window_ends=now + window, count=0)
        if _count_one(key, limit):
            return Decision(True, 0)
        counter = AttemptCounter.objects.filter(key=key).first()
        if counter is None:
            try:
                with transaction.atomic():
                    AttemptCounter.objects.create(key=key, window_ends=now + window, count=1)
                return Decision(True, 0)
            except IntegrityError:  # another request created it first: count against it
                if _count_one(key, limit):
                    return Decision(True, 0)
                counter = AttemptCounter.objects.get(key=key)
    return Decision(False, max(1, math.ceil((counter.window_ends - now).total_seconds())))


def give_back(key: str) -> None:
    """Uncount one attempt (one that turned out not to count, e.g. a code that was found)."""
    AttemptCounter.objects.filter(key=key, count__gt=0).update(count=F("count") - 1)


def forget_expired(*, now: datetime | None = None) -> int:
    """Delete the counters whose window has ended; returns how many."""
    deleted, _ = AttemptCounter.objects.filter(window_ends__lte=now or timezone.now()).delete()
    return deleted


def address_key(prefix: str, address: str) -> str:
    """A counter key for a client address that does not keep the address: a keyed hash of it."""
    digest = hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()
    return f"{prefix}:{digest[:40]}"


def client_address(request: HttpRequest) -> str:
    """The client's address as the login lock-out reads it (django-axes, so that both follow one
    configuration of trusted proxies, ``AXES_CLIENT_IP_CALLABLE``); empty when unknown."""
    return get_client_ip_address(request) or ""
