"""Each care vocabulary is declared once: the domain's enums, labelled in choices.py, used everywhere."""

from __future__ import annotations

import pytest

from porras.care import choices
from porras.care.domain import interchange
from porras.care.domain.clients import Sex
from porras.care.domain.episodes import STEPS, AppointmentStatus, EndReason
from porras.care.models import Appointment, Client, Episode


def test_a_value_without_a_label_is_refused_at_import() -> None:
    with pytest.raises(ValueError, match="do not match"):
        choices._labelled(Sex, {Sex.FEMALE: "Female"})


def test_the_models_take_their_choices_from_the_domain_values() -> None:
    assert [v for v, _ in Client._meta.get_field("sex").choices] == [s.value for s in Sex]
    assert [v for v, _ in Episode._meta.get_field("end_reason").choices] == [r.value for r in EndReason]
    assert [v for v, _ in Episode._meta.get_field("step").choices] == list(STEPS)
    assert [v for v, _ in Appointment._meta.get_field("status").choices] == [s.value for s in AppointmentStatus]


def test_the_interchange_format_takes_the_same_values_booked_left_out() -> None:
    assert tuple(r.value for r in EndReason) == interchange.END_REASONS
    assert tuple(s.value for s in Sex) == interchange.SEXES
    assert interchange.APPOINTMENT_STATUSES == ("attended", "did_not_attend", "cancelled")
    assert interchange.STEPS == STEPS


def test_an_imported_code_without_a_label_is_shown_as_it_is() -> None:
    assert choices.label(choices.CONCERNS, "mixed_anxiety_depression") == "mixed_anxiety_depression"
