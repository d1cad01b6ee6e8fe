"""``Idempotency-Key`` for POST endpoints, REST and FHIR: a retry gets the first answer, never a second write.

Usage in an endpoint::

    return idempotency.run(request, "episodes.create", payload_dict, lambda: (201, body_dict))

(:func:`run` answers JSON for the REST API; the FHIR API calls :func:`execute` and answers FHIR.)

The key is scoped to the user (or, for a caller who is no user - a client signed in with a code - to
the ``principal`` the endpoint names, such as ``client-session:41``). The first successful (2xx) answer is stored together with the
endpoint and a hash of the request body, *in the same transaction as the write*: either both the
write and the stored answer commit, or neither. A retry with the same key, endpoint and body
returns the stored status and body, marked ``Idempotent-Replayed: true`` and audited as a read. The
same key with another body or endpoint is an :class:`~porras.lib.errors.InputError` naming the
``Idempotency-Key`` field (422, as the IETF Idempotency-Key draft asks for a reused key), and so is a
key that is empty or longer than :data:`MAX_KEY_LENGTH`. Two concurrent first attempts race on a
unique index: the loser's transaction (including its write) is rolled back and it returns the
winner's answer.

Stored answers are kept for ``PORRAS_IDEMPOTENCY_HOURS`` (default 24): they are client-level data and
kept no longer than a retry needs. A key whose answer is older is expired: the request runs as a new
one (its old answer is deleted first), and ``porras purge`` deletes every expired answer
(:func:`purge_expired`).

An answer that carries a secret shown once (a client's access code) passes ``keep``: what is stored
for replays, without the secret (codes and tokens are kept only as hashes). A replay then answers the
same record without the secret, and never writes a second one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.http import HttpRequest, JsonResponse
from django.utils import timezone

from porras.accounts import audit
from porras.idempotency.models import IdempotencyRecord
from porras.lib.errors import InputError

HEADER = "Idempotency-Key"
REPLAYED = "Idempotent-Replayed"
MAX_KEY_LENGTH = 200


@dataclass(frozen=True)
class Answer:
    """What the endpoint answers: the handler's, or the stored one of an earlier request (``replayed``)."""

    status: int
    body: Any
    replayed: bool


def request_hash(endpoint: str, payload: Any) -> str:
    text = json.dumps({"endpoint": endpoint, "payload": payload}, sort_keys=True, cls=DjangoJSONEncoder,
                      separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _normalise(body: Any) -> Any:
    return json.loads(json.dumps(body, cls=DjangoJSONEncoder))


def key_of(request: HttpRequest) -> str | None:
    """The request's key, or None; :class:`InputError` when it is empty or too long."""
    key = request.headers.get(HEADER)
    if key is None:
        return None
    key = key.strip()
    if not key or len(key) > MAX_KEY_LENGTH:
        raise InputError.of(HEADER, f"must be 1–{MAX_KEY_LENGTH} characters")
    return key


def retention() -> dt.timedelta:
    """How long a stored answer is kept (``PORRAS_IDEMPOTENCY_HOURS``)."""
    return dt.timedelta(hours=settings.PORRAS_IDEMPOTENCY_HOURS)


def _stored(user: Any, principal: str, key: str, endpoint: str, digest: str) -> tuple[int, Any] | None:
    owner = {"principal": principal} if principal else {"user": user}
    found = IdempotencyRecord.objects.filter(key=key, **owner).first()
    if found is None:
        return None
    if found.created_at <= timezone.now() - retention():
        # expired: the key starts afresh (deleted in the caller's transaction, with the new write)
        IdempotencyRecord.objects.filter(pk=found.pk).delete()
        return None
    if found.endpoint != endpoint or found.request_hash != digest:
        raise InputError.of(HEADER, "this key was already used for a different request")
    return found.status, found.body


def execute(request: HttpRequest, endpoint: str, payload: Any, handler: Callable[[], tuple[int, Any]], *,
            principal: str = "", keep: Callable[[Any], Any] | None = None) -> Answer:
    """Run ``handler`` (which writes and returns ``(status, body)``) at most once per key, in one
    transaction with the stored answer. A replay is audited as a read of ``endpoint``. ``principal``:
    whose key it is when the caller is no user; ``keep``: the body stored for replays (default: the
    body itself)."""
    key = key_of(request)
    if key is None:
        with transaction.atomic():
            status, body = handler()
        return Answer(status, _normalise(body), False)
    user: Any = None if principal else request.user
    digest = request_hash(endpoint, payload)
    try:
        with transaction.atomic():
            previous = _stored(user, principal, key, endpoint, digest)
            if previous is None:
                status, body = handler()
                body = _normalise(body)
                if 200 <= status < 300:
                    IdempotencyRecord.objects.create(
                        key=key, user=user, principal=principal, endpoint=endpoint, request_hash=digest,
                        status=status, body=_normalise(keep(body)) if keep else body,
                    )
                return Answer(status, body, False)
    except IntegrityError:
        # A concurrent first attempt with the same key committed first; ours was rolled back.
        previous = _stored(user, principal, key, endpoint, digest)
        if previous is None:
            raise
    assert previous is not None
    # the stored answer is client-level data read again: audited like any read
    audit.record(request, "request.replay", "endpoint", endpoint,
                 detail={"status": previous[0], **({"principal": principal} if principal else {})})
    return Answer(previous[0], previous[1], True)


def run(request: HttpRequest, endpoint: str, payload: Any, handler: Callable[[], tuple[int, Any]], *,
        principal: str = "", keep: Callable[[Any], Any] | None = None) -> JsonResponse:
    """:func:`execute` as a JSON response of the REST API (a reused key raises :class:`InputError`,
    which the API answers 422 ``{"error", "detail"}``)."""
    answer = execute(request, endpoint, payload, handler, principal=principal, keep=keep)
    response = JsonResponse(answer.body, status=answer.status, safe=False, encoder=DjangoJSONEncoder)
    if answer.replayed:
        response[REPLAYED] = "true"
    return response


def purge_expired(*, now: dt.datetime | None = None) -> int:
    """Delete every stored answer older than :func:`retention`; returns how many (audited when any)."""
    with transaction.atomic():
        deleted, _ = IdempotencyRecord.objects.filter(created_at__lte=(now or timezone.now()) - retention()).delete()
        if deleted:
            audit.record(None, "idempotency.purge", "IdempotencyRecord", "", detail={"deleted": deleted})
    return deleted
