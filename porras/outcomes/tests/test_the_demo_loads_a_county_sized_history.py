"""`porras demo` gives the reports content: a synthetic history of 24,000 episodes in the demo units,
bulk imported once, in which the small crisis centre's groups are withheld as real small groups are,
and which leaves the professionals' own worklists as they were."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from porras.accounts.models import User
from porras.care import services as care
from porras.care.models import Client, Episode
from porras.outcomes import demo
from porras.outcomes.domain.definitions import GroupKey
from porras.outcomes.domain.funnel import Position
from porras.outcomes.services import comparison_for_user, run_for_user

pytestmark = pytest.mark.django_db


def test_the_demo_history_fills_the_reports_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PORRAS_DEMO_HISTORY", raising=False)  # the size `make run` loads
    call_command("demo", verbosity=0)
    synthetic = Episode.objects.filter(client__code__startswith=demo.CLIENT_PREFIX)
    assert synthetic.count() == 24_000
    assert set(synthetic.values_list("unit__code", flat=True).distinct()) == {u[0] for u in demo.DEMO_UNITS}

    call_command("demo", verbosity=0)  # a second run adds nothing
    assert Episode.objects.filter(client__code__startswith=demo.CLIENT_PREFIX).count() == 24_000

    national = User.objects.get(username="analyytikko.thl")
    by_unit = run_for_user(national, "outcomes", ("unit",))
    units = {g["unit"]: g for g in by_unit.groups}
    assert set(units) == {u[0] for u in demo.DEMO_UNITS}  # every unit listed
    assert all(g["finished"] >= 500 and g["recovery_rate"] is not None
               for code, g in units.items() if code != "pohjanmaa-kriisikeskus")
    # on the funnel of the units' recovery rates some units are within the limits and some outside
    comparison = comparison_for_user(national, "recovery_rate", GroupKey.UNIT)
    positions = {p.group["unit"]: p.position for p in comparison.placed}
    assert Position.WITHIN in positions.values() and set(positions.values()) != {Position.WITHIN}
    assert [g["unit"] for g in comparison.unplaced] == ["pohjanmaa-kriisikeskus"]
    # the crisis centre is small: by month, many of its groups are not listed at all
    by_month = run_for_user(national, "outcomes", ("unit", "month"))
    months = {code: sum(g["unit"] == code for g in by_month.groups) for code in ("hki-kalasatama", "pohjanmaa-kriisikeskus")}
    assert months["hki-kalasatama"] >= 30
    assert months["pohjanmaa-kriisikeskus"] < months["hki-kalasatama"] / 2
    # and a count of its recovery rate's denominator is withheld: it is left off the funnel plot
    assert units["pohjanmaa-kriisikeskus"]["not_at_caseness"] is None
    access = run_for_user(national, "access", ("county",))
    assert [g["county"] for g in access.groups] == ["helsinki", "pirkanmaa", "pohjanmaa"]

    # the history has programmes: the report by programme lists them beside those without one
    by_programme = {g["programme"]: g for g in run_for_user(national, "outcomes", ("programme",)).groups}
    named = [g for programme, g in by_programme.items() if programme is not None]
    assert None in by_programme and len(named) >= 2
    assert any(g["programme_completion_rate"] is not None for g in named)

    # the county analyst of Helsinki sees Helsinki only
    county = run_for_user(User.objects.get(username="analyytikko.alue"), "outcomes", ("county",))
    assert [g["county"] for g in county.groups] == ["helsinki"]

    # nobody is responsible for the synthetic episodes: the professional's own worklist keeps its clients
    professional = User.objects.get(username="ammattilainen")
    mine = care.worklist(professional)
    assert mine.total == Episode.objects.filter(responsible=professional, end_date__isnull=True).count()
    assert not Client.objects.filter(code__startswith=demo.CLIENT_PREFIX, episodes__responsible__isnull=False).exists()


def test_the_size_of_the_history_can_be_set_and_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORRAS_DEMO_HISTORY", "0")
    call_command("demo", verbosity=0)
    assert not Client.objects.filter(code__startswith=demo.CLIENT_PREFIX).exists()
    monkeypatch.setenv("PORRAS_DEMO_HISTORY", "300")
    demo.load()
    assert Episode.objects.filter(client__code__startswith=demo.CLIENT_PREFIX).count() == 300
    monkeypatch.setenv("PORRAS_DEMO_HISTORY", "many")
    with pytest.raises(ValueError, match="PORRAS_DEMO_HISTORY"):
        demo.history_size()
