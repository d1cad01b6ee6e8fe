"""The reasons care's rules give for refusing input, marked for translation.

Services and the domain give these reasons in English (the API answers them as they are); the web
views show them through :func:`porras.lib.reasons.sentence`. Each fixed reason a form can meet is
listed here once with ``gettext_noop``, so that the catalogue holds it; a reason built with values
is in ``REASON_PATTERNS``, with the sentence a person reads instead.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

# porras.care.domain.identity_code.IdentityCodeError.part -> the reason the form shows
IDENTITY_CODE_REASONS = {
    "format": gettext_noop("not a valid identity code: write it as DDMMYYCZZZQ in ASCII letters and digits"),
    "date": gettext_noop("not a valid identity code: the date of birth is not a calendar date"),
    "century_sign": gettext_noop("not a valid identity code: the century sign must be + - Y X W V U A B C D E or F"),
    "individual_number": gettext_noop("not a valid identity code: the individual number must be 002–999"),
    "checksum": gettext_noop("not a valid identity code: the check character does not match (checksum)"),
}

REASONS = (
    # services
    gettext_noop("is not a unit code (ASCII letters, digits, - and _)"),
    gettext_noop("is required when you work in several units (or in none)"),
    gettext_noop("is required"),
    gettext_noop("a local identifier is 1–100 printable ASCII characters (letters A–Z, digits 0–9, punctuation)"),
    gettext_noop("does not match the identity code"),
    gettext_noop("belongs to another county's client register (or, for a local identifier, to another organisation): "
       "refer the client there; that county registers its own record"),
    gettext_noop("is required when stepping care up or down"),
    gettext_noop("has ended and cannot be transferred"),
    gettext_noop("is already the episode's unit"),
    gettext_noop("must not be before the referral date"),
    gettext_noop("must not be in the future"),
    gettext_noop("must not be after the episode's end date"),
    gettext_noop("a past appointment is attended, did not attend or cancelled, not booked"),
    gettext_noop("an appointment in the future can only be booked or cancelled"),
    gettext_noop("record the assessment before the first treatment appointment"),
    gettext_noop("a treatment appointment must not be before the assessment date"),
    gettext_noop("only a booked appointment can be marked"),
    gettext_noop("mark a booked appointment attended, did not attend or cancelled"),
    gettext_noop("is not an appointment of this episode"),
    gettext_noop("write at least one part of the plan"),
    gettext_noop("is required: say what was done about the risk"),
    gettext_noop("has already been acknowledged"),
    gettext_noop("is already done"),
    # porras.care.domain.episodes
    gettext_noop("must not be before the assessment date"),
    gettext_noop("must not be before the first treatment date"),
    gettext_noop("treatment starts only after an assessment"),
    gettext_noop("is required when the episode ends"),
    gettext_noop("is given only together with an end date"),
    gettext_noop("an ended episode cannot be reopened; start a new episode"),
    gettext_noop("cannot be removed once recorded"),
    gettext_noop("is already the episode's step"),
    # porras.care.domain.children
    gettext_noop("is recorded only when the client has children under 18"),
    gettext_noop("needs the date of the discussion"),
    gettext_noop("needs the date of the referral to family services"),
    gettext_noop("is not a family service of the episode's county"),
    gettext_noop("must not be after the dates recorded about the client's children"),
    # finding and correcting (porras.care.services, porras.care.models)
    gettext_noop("looks like a personal identity code: an identity code is given as one (hetu) and kept only as a "
                 "keyed hash, never as a local identifier"),
    gettext_noop("an episode number is digits only"),
    gettext_noop("is required: say why the record is corrected or voided"),
    gettext_noop("is required: say why the record is voided"),
    gettext_noop("has already been voided"),
    gettext_noop("has been voided"),
    gettext_noop("has an open risk flag: assess the risk and acknowledge the flag first (a risk answer is never "
                 "hidden)"),
    gettext_noop("are required: this measurement was imported as a total without answers"),
    gettext_noop("nothing to correct: give another date or other answers"),
    gettext_noop("nothing to correct: give another date, kind or status"),
    gettext_noop("nothing to correct: the referral already says this"),
    gettext_noop("gives the episode its assessment or first treatment date, and without it they would be out of "
                 "order: correct its date instead, or void the treatment appointments first"),
    gettext_noop("the episode has an open risk flag: assess the risk and acknowledge it first (a risk answer is "
                 "never hidden)"),
    gettext_noop("the episode has a follow-up that is not done: a follow-up after a suicide attempt or self-harm "
                 "contact is never hidden; complete it first"),
    gettext_noop("must not be after the episode's first measurement"),
)

# Reasons built with values (English, as the API gives them) -> the sentence the UI shows instead.
REASON_PATTERNS = {
    "must be one of %(choices)s": gettext_noop("Choose one of the options offered."),
    "must be between 1880 and %(year)s": gettext_noop("Give a year between 1880 and %(year)s."),
    "no unit with code %(code)s": gettext_noop("There is no such unit."),
    "unknown concern %(code)s; known: %(known)s": gettext_noop("Choose the concerns from the list."),
    "unknown intervention %(code)s; known: %(known)s": gettext_noop("Choose an intervention from the list."),
    "must not be before the %(what)s date": gettext_noop("Must not be before the episode's earlier dates."),
    "is not a valid %(what)s": gettext_noop("Check the identifier: it is not valid."),
    "must be an integer 0–4": gettext_noop("Choose a step from 0 to 4."),
}
