"""The reasons integrated care's rules give for refusing input, marked for translation (shown on
pages through :func:`porras.lib.reasons.sentence`; the API answers them as they are)."""

from __future__ import annotations

from django.utils.translation import gettext_noop

REASONS = (
    gettext_noop("is required"),
    gettext_noop("is too long"),
    gettext_noop("is not a specialised psychiatry or substance-use unit"),
    gettext_noop("is in another wellbeing services county than the episode"),
    gettext_noop("has ended: a consultation is asked about an open episode"),
    gettext_noop("has already been answered"),
    gettext_noop("is not a social-welfare category of the service catalogue"),
    gettext_noop("cannot be before the start"),
    gettext_noop("cannot be in the future"),
    gettext_noop("has already ended"),
    gettext_noop("must be a number"),
    gettext_noop("must be yes or no"),
    gettext_noop("is outside what can be measured"),
    gettext_noop("is not an item of the somatic health check"),
    gettext_noop("record at least one value"),
    gettext_noop("has been withdrawn"),
    gettext_noop("is not a somatic-risk diagnosis group of the data"),
    gettext_noop("has ended"),
    gettext_noop("is already recorded on this episode"),
    gettext_noop("has no flagged values to acknowledge"),
    gettext_noop("has already been acknowledged"),
    gettext_noop("is too long: at most 500 characters"),
)
