"""Stored wording (text packs) and stored scored responses. Scoring itself lives in ``domain``."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from porras.instruments.domain import WordingRef

LANGUAGE_CHOICES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]


class TextPack(models.Model):
    """Official wording of one instrument in one language, imported from a FHIR Questionnaire and
    matched to our items by LOINC item code. Shown instead of Porras's own paraphrase when chosen."""

    instrument = models.CharField(max_length=40, db_index=True)
    language = models.CharField(max_length=5, choices=LANGUAGE_CHOICES)
    name = models.CharField(max_length=200)
    source = models.CharField(max_length=500, help_text="Questionnaire canonical URL or file name.")
    texts = models.JSONField(help_text="{item_id: text}")
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["instrument", "language", "name"], name="textpack_unique_name")
        ]
        ordering = ["instrument", "language", "name"]

    def __str__(self) -> str:
        return f"{self.instrument} {self.language}: {self.name}"

    @property
    def wording_ref(self) -> WordingRef:
        return WordingRef.text_pack(self.pk)


class Channel(models.TextChoices):
    """Where an answer set came from. A new channel (e.g. a client answering between sessions with a
    single-use code) is a new value here; it is stored by the same writer."""

    WEB = "web", _("Web form")
    API = "api", _("API")
    FHIR = "fhir", _("FHIR")
    NAVIGATOR = "navigator", _("Self-assessment in the navigator")
    CLIENT = "client", _("Answered by the client")


class InstrumentResponse(models.Model):
    """One scored answer set, whatever its channel, with the wording that was shown.

    Written only by :func:`porras.instruments.services.record_response`. ``wording`` is the text form
    of a :class:`~porras.instruments.domain.WordingRef` (read it with :attr:`wording_ref`);
    ``text_pack`` is set when that reference names a text pack. ``result`` is the full scoring result
    (``ScoreResult.to_dict()``, scored item scores included). A care measurement made from answers
    refers to its response (``measurement``). Risk flags are kept so that they are never lost.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    instrument = models.CharField(max_length=40, db_index=True)
    instrument_version = models.CharField(max_length=40)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    answers = models.JSONField(help_text="Option positions in item order; null = unanswered.")
    total = models.FloatField(null=True)
    severity = models.CharField(max_length=40, blank=True)
    caseness = models.BooleanField(null=True)
    has_risk = models.BooleanField(default=False, db_index=True)
    result = models.JSONField(help_text="ScoreResult.to_dict()")
    language = models.CharField(max_length=5, blank=True)
    wording = models.CharField(max_length=600)
    text_pack = models.ForeignKey(
        TextPack, null=True, blank=True, on_delete=models.PROTECT, related_name="responses"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.instrument} {self.total} ({self.created_at:%Y-%m-%d})"

    @property
    def wording_ref(self) -> WordingRef:
        return WordingRef.parse(self.wording)
