"""A county-sized synthetic care history in the demo units, so that the reports have content.

``porras demo`` loads it after the care demo: by default 24,000 episodes over the last three years in
eight demo units of Helsinki, Pirkanmaa and Pohjanmaa, made by the synthetic-data engine
(:mod:`porras.outcomes.synth`) and written by the care app's bulk import (``COPY`` on PostgreSQL), so
the load takes seconds. One unit (the NGO's crisis centre) is small on purpose: its groups by
month are withheld by the disclosure rule, as real small groups are. The records are invented; their clients
are imported clients (``demo-c…``), without names or identity codes, and nobody is responsible for
them, so a professional's own worklist still shows only the hand-made demo clients.

The history carries programmes of digital care too (``programme_assignments``, read by the app that keeps
them when it is installed): the ended ones only, so that the digital-care work lists keep showing the
hand-made demo clients, not thousands of invented programmes.

``PORRAS_DEMO_HISTORY`` sets the number of episodes (``0``: none). Idempotent: nothing is added when
a synthetic history is there already.
"""

from __future__ import annotations

import datetime as dt
import os

import pyarrow as pa
import pyarrow.compute as pc
from django.db import connection, transaction
from django.utils import timezone

from porras.accounts.models import Unit
from porras.care import services
from porras.care.domain.interchange import TABLE_NAMES
from porras.care.interchange import app_import_hooks, import_tables
from porras.care.models import Client
from porras.outcomes.synth import DemoUnit, synth_tables

DEMO_EPISODES = 24_000
# The seed and a window of a fixed length: the history is the same every day, shifted to end
# yesterday, so the same groups are withheld every day. With this seed the recovery rates of every
# county and unit are shown but the small crisis centre's (withheld, so it is left off the funnel
# plot of recovery too), every unit is listed, some units fall within the funnel's limits and
# some outside, and a few other figures are withheld by the complementary suppression of
# porras.lib.disclosure (suppression at work).
DEMO_SEED = 2053
DEMO_DAYS = 1096
CLIENT_PREFIX = "demo-"
# (unit, county, relative size): the demo units where stepped care is given (not the IPS service)
DEMO_UNITS: list[DemoUnit] = [
    ("hki-kalasatama", "helsinki", 5.0),
    ("hki-opiskeluterveys", "helsinki", 3.0),
    ("hki-psykiatria", "helsinki", 2.0),
    ("pirha-hervanta", "pirkanmaa", 4.0),
    ("pirha-perhekeskus", "pirkanmaa", 2.0),
    ("pirha-paihde", "pirkanmaa", 1.0),
    ("pohjanmaa-vaasa", "pohjanmaa", 2.5),
    ("pohjanmaa-kriisikeskus", "pohjanmaa", 0.15),
]


def history_size() -> int:
    value = os.environ.get("PORRAS_DEMO_HISTORY", "").strip()
    if not value:
        return DEMO_EPISODES
    try:
        return max(0, int(value))
    except ValueError as exc:
        raise ValueError(f"PORRAS_DEMO_HISTORY: must be a whole number of episodes, got {value!r}") from exc


def _next_id(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")  # noqa: S608 - a fixed table name
        return int(cursor.fetchone()[0]) + 1


def _shift(column: pa.ChunkedArray, by: int) -> pa.ChunkedArray:
    return pc.add(column, pa.scalar(by - 1, pa.int64()))


def history_tables(episodes: int, today: dt.date) -> dict[str, pa.Table]:
    """The synthetic history: three years up to yesterday, ids after those already in the database."""
    cutoff = today - dt.timedelta(days=1)
    start = cutoff - dt.timedelta(days=DEMO_DAYS - 1)
    tables = synth_tables(episodes, DEMO_SEED, start=start, cutoff=cutoff, units=DEMO_UNITS)
    first = {"episodes": _next_id("care_episode"), "appointments": _next_id("care_appointment"),
             "measurements": _next_id("care_measurement")}
    ep = tables["episodes"]
    ep = ep.set_column(0, "episode_id", _shift(ep.column("episode_id"), first["episodes"]))
    ep = ep.set_column(1, "client_id", pc.binary_join_element_wise(CLIENT_PREFIX, ep.column("client_id"), ""))
    out = {"episodes": ep}
    for name in ("appointments", "measurements"):
        t = tables[name]
        t = t.set_column(0, t.column_names[0], _shift(t.column(0), first[name]))
        t = t.set_column(1, "episode_id", _shift(t.column("episode_id"), first["episodes"]))
        out[name] = t
    if "selfcare_assignment" in connection.introspection.table_names():
        t = tables["programme_assignments"]
        t = t.filter(pc.is_valid(t.column("end_date")))  # ended programmes only (see the module's text)
        t = t.set_column(0, "assignment_id", pa.array(range(_next_id("selfcare_assignment"),
                                                            _next_id("selfcare_assignment") + t.num_rows), pa.int64()))
        out["programme_assignments"] = t.set_column(1, "episode_id", _shift(t.column("episode_id"), first["episodes"]))
    return out


def load() -> None:
    episodes = history_size()
    if not episodes:
        return
    if Unit.objects.filter(code__in=[u[0] for u in DEMO_UNITS]).count() != len(DEMO_UNITS):
        return  # the accounts demo has not been loaded
    if Client.objects.filter(code__startswith=CLIENT_PREFIX).exists():
        return
    tables = history_tables(episodes, timezone.localdate())
    with transaction.atomic():  # the care tables and the other apps' tables, all or nothing
        import_tables({name: tables[name] for name in TABLE_NAMES}, services.pseudonym_key())
        extra = {name: table for name, table in tables.items() if name not in TABLE_NAMES}
        for hook in app_import_hooks():
            hook.import_tables(extra)
