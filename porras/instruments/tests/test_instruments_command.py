"""`porras instruments list` names every instrument with its items and range."""

from __future__ import annotations

import io

from django.core.management import call_command


def test_the_list_verb_names_every_instrument() -> None:
    out = io.StringIO()
    call_command("instruments", "list", stdout=out)
    assert "phq9\tPHQ-9\t10 items\t0-27" in out.getvalue()
