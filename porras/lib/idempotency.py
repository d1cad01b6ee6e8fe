"""``Idempotency-Key`` for POST endpoints: a retry gets the first answer, never a second write.

Usage in an endpoint::

    return idempotency.run(request, "episodes.create", payload_dict, lambda: (201, body_dict))

The key is scoped to the user. The first successful (2xx) answer is stored together with the
endpoint and a hash of the request body, *in the same transaction as the write*: either both the
write and the stored answer commit, or neither. A retry with the same key, endpoint and body
returns the stored status and body; the same key with another body or endpoint is refused with
422. Two concurrent first attempts race on a unique index: the loser's transaction (including its
write) is rolled back and it returns the winner's answer.

Records live in the care app's ``IdempotencyRecord`` table.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.http import HttpRequest, JsonResponse

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 200


class KeyReused(Exception):
    """The key was used before for a different request."""


def request_hash(endpoint: str, payload: Any) -> str:
    text = json.dumps({"endpoint": endpoint, "payload": payload}, sort_keys=True, cls=DjangoJSONEncoder,
                      separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _normalise(body: Any) -> Any:
    return json.loads(json.dumps(body, cls=DjangoJSONEncoder))


def key_of(request: HttpRequest) -> str | None:
    key = request.headers.get(HEADER)
    if key is None:
        return None
    key = key.strip()
    if not key or len(key) > MAX_KEY_LENGTH:
        raise KeyReused(f"{HEADER}: must be 1–{MAX_KEY_LENGTH} characters")
    return key


def _stored(user: Any, key: str, endpoint: str, digest: str) -> tuple[int, Any] | None:
    from porras.care.models import IdempotencyRecord

    found = IdempotencyRecord.objects.filter(user=user, key=key).first()
    if found is None:
        return None
    if found.endpoint != endpoint or found.request_hash != digest:
        raise KeyReused(f"{HEADER}: this key was already used for a different request")
    return found.status, found.body


def execute(
    request: HttpRequest, endpoint: str, payload: Any, handler: Callable[[], tuple[int, Any]]
) -> tuple[int, Any, bool]:
    """Run ``handler`` (which writes and returns ``(status, body)``) at most once per key.

    Returns ``(status, body, replayed)``. Raises :class:`KeyReused` for a reused key.
    """
    from porras.care.models import IdempotencyRecord

    key = key_of(request)
    if key is None:
        with transaction.atomic():
            status, body = handler()
        return status, _normalise(body), False
    user: Any = request.user
    digest = request_hash(endpoint, payload)
    try:
        with transaction.atomic():
            previous = _stored(user, key, endpoint, digest)
            if previous is not None:
                return previous[0], previous[1], True
            status, body = handler()
            body = _normalise(body)
            if 200 <= status < 300:
                IdempotencyRecord.objects.create(
                    key=key, user=user, endpoint=endpoint, request_hash=digest, status=status, body=body
                )
            return status, body, False
    except IntegrityError:
        # A concurrent first attempt with the same key committed first; ours was rolled back.
        previous = _stored(user, key, endpoint, digest)
        if previous is None:
            raise
        return previous[0], previous[1], True


def run(request: HttpRequest, endpoint: str, payload: Any, handler: Callable[[], tuple[int, Any]]) -> JsonResponse:
    """:func:`execute` as a JSON response; a reused key answers 422 ``{"error", "detail"}``."""
    try:
        status, body, replayed = execute(request, endpoint, payload, handler)
    except KeyReused as exc:
        return JsonResponse({"error": "validation_error", "detail": [{"field": HEADER, "reason": str(exc)}]},
                            status=422)
    response = JsonResponse(body, status=status, safe=False, encoder=DjangoJSONEncoder)
    if replayed:
        from porras.accounts import audit

        # the stored answer is client-level data read again: audited like any read
        audit.record(request, "request.replay", "endpoint", endpoint, detail={"status": status})
        response["Idempotent-Replayed"] = "true"
    return response
