"""A rate-limit counter allows `limit` attempts per window, tells how long until the next, starts
again when its window ends, and is deleted by `porras purge` after that."""

from __future__ import annotations

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from porras.navigator import limits
from porras.navigator.models import AttemptCounter

WINDOW = timedelta(minutes=15)


def test_it_allows_the_limit_then_refuses_until_the_window_ends(db):
    start = timezone.now()
    assert [limits.take("k", 3, WINDOW, now=start).allowed for _ in range(4)] == [True, True, True, False]
    refused = limits.take("k", 3, WINDOW, now=start + timedelta(minutes=5))
    assert (refused.allowed, refused.retry_after) == (False, 600)
    assert limits.take("k", 3, WINDOW, now=start + WINDOW).allowed


def test_an_attempt_given_back_does_not_count(db):
    now = timezone.now()
    for _ in range(3):
        limits.take("k", 3, WINDOW, now=now)
    limits.give_back("k")
    assert limits.take("k", 3, WINDOW, now=now).allowed


def test_keys_are_counted_apart(db):
    now = timezone.now()
    for _ in range(3):
        limits.take("a", 3, WINDOW, now=now)
    assert limits.take("b", 3, WINDOW, now=now).allowed


def test_purge_deletes_the_counters_whose_window_has_ended(db):
    limits.take("old", 3, WINDOW, now=timezone.now() - 2 * WINDOW)
    limits.take("current", 3, WINDOW)
    call_command("purge")
    assert list(AttemptCounter.objects.values_list("key", flat=True)) == ["current"]
