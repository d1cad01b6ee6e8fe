"""Outcomes by whether the treating professional was trained in the method (docs/product.md §6 J).

Built on the reports' engine (``porras.outcomes``): the same definitions (finished, recovery,
reliable improvement) over the same interchange relations, scoped to what the reader may see, and
published through the one disclosure rule with ``trained`` as a second key beside the method — so
that the trained and untrained cells of a method are protected together against the method's total
(complementary suppression), exactly as every other report's cells are.

Grouped by county or by collaborative area (``group_by``), the table is made over the reader's whole
scope, keyed by the group, the method and ``trained``, and protected with the county's collaborative
area as its coarser margin (the reports' geography, :func:`porras.outcomes.domain.engine.geography_hierarchy`);
the selected groups' rows are then taken from it. A county's figures shown on their own are thus the
same cells, withheld the same way, as beside its area's and the other counties' figures, and no
withheld county is its area's figure minus the other counties'.

*Trained* means: the episode's responsible professional has a training record for the episode's
method completed on or before the first treatment appointment (the referral date when treatment has
not started). Only methods whose card asks for training are counted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection

from porras.accounts.domain.areas import county_areas
from porras.care.models import Episode
from porras.competence.domain.methods import MethodCard, method_cards
from porras.competence.models import TrainingRecord
from porras.lib.disclosure import Policy, TableSpec, protect
from porras.lib.errors import InputError
from porras.outcomes import services as reports
from porras.outcomes.domain.definitions import DEFAULT_DEFINITIONS, GroupKey
from porras.outcomes.domain.engine import (
    OUTCOME_COUNTS,
    OUTCOME_RATES,
    geography_hierarchy,
    outcomes_sql,
    restrict,
)
from porras.outcomes.sources import database_relations

EPISODE_COLUMNS = ("episode_id, client_id, county_code, unit_id, birth_year, sex, language, referral_date, "
                   "assessment_date, first_treatment_date, end_date, end_reason, step")


@dataclass(frozen=True)
class TrainingOutcomes:
    card: MethodCard
    trained: dict[str, Any] | None  # the published row (None: withheld or no episodes)
    untrained: dict[str, Any] | None
    group: str | None = None  # the county or collaborative area (grouped tables only)

    @property
    def sides(self) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
        return self.trained, self.untrained


def _trained_episode_ids(episode_ids: list[int]) -> tuple[set[int], set[int]]:
    """(all episodes of methods that ask for training, those whose professional was trained)."""
    asking = {c.code for c in method_cards().values() if c.requires_training}
    episodes = list(Episode.objects.filter(pk__in=episode_ids, intervention__in=asking, responsible__isnull=False)
                    .values_list("pk", "intervention", "responsible_id", "first_treatment_date", "referral_date"))
    records = {(r.professional_id, r.method): r.completed_on
               for r in TrainingRecord.objects.filter(method__in=asking, completed_on__isnull=False)}
    trained = set()
    for pk, method, professional, first_treatment, referral in episodes:
        completed = records.get((professional, method))
        if completed is not None and completed <= (first_treatment or referral):
            trained.add(pk)
    return {pk for pk, *_ in episodes}, trained


GROUP_KEYS: tuple[str, ...] = ("county", "collaborative_area")


def outcomes_by_training(actor: Any, county_codes: list[str], policy: Policy | None = None, *,
                         group_by: str | None = None) -> list[TrainingOutcomes]:
    """Per method that asks for training: the outcome figures of episodes whose professional was
    trained, and of the rest, within ``county_codes`` and the actor's scope of aggregates. With
    ``group_by`` (county or collaborative_area): per group whose counties are among ``county_codes``,
    from the table of the actor's whole scope (see the module's note)."""
    if group_by is not None and group_by not in GROUP_KEYS:
        raise InputError.of("group_by", f"must be one of {', '.join(GROUP_KEYS)}")
    keys: tuple[GroupKey, ...] = () if group_by is None else (GroupKey(group_by),)
    counties, units = reports.user_scope(actor)
    relations = restrict(database_relations(), counties, units)
    if group_by is None:
        relations = restrict(relations, county_codes, None)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT episode_id FROM {relations.episodes} AS e")
        in_scope = [int(row[0]) for row in cursor.fetchall()]
    every, trained = _trained_episode_ids(in_scope)
    ids = ", ".join(str(i) for i in sorted(every)) or "NULL"
    trained_ids = ", ".join(str(i) for i in sorted(trained)) or "NULL"
    labelled = with_training_labels(relations, ids, trained_ids)
    sql = outcomes_sql(reports._database_dialect(), (*keys, GroupKey.INTERVENTION), labelled, DEFAULT_DEFINITIONS)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        rows = cursor.fetchall()
    n = len(keys)
    exact = []
    for row in rows:
        label = str(row[n])
        intervention, _, flag = label.rpartition("|")
        exact.append({**{str(k): (None if v is None else str(v)) for k, v in zip(keys, row[:n], strict=True)},
                      "intervention": intervention, "trained": flag == "1",
                      **{c: int(v or 0) for c, v in zip(OUTCOME_COUNTS, row[n + 1:n + 1 + len(OUTCOME_COUNTS)],
                                                        strict=True)}})
    spec = TableSpec((*(str(k) for k in keys), "intervention", "trained"), "finished", OUTCOME_COUNTS, OUTCOME_RATES,
                     hierarchy=geography_hierarchy([str(k) for k in keys]))
    published = protect(spec, exact, policy or reports.policy_for(actor))
    by_key = {(r[group_by] if group_by else None, r["intervention"], r["trained"]): r for r in published}
    return [TrainingOutcomes(card, by_key.get((group, key, True)), by_key.get((group, key, False)), group)
            for group in _selected_groups(group_by, county_codes)
            for card, key in _methods()]


def _methods() -> list[tuple[MethodCard, str]]:
    """The methods that ask for training, with the code the interchange names each by (its procedure code)."""
    cards = sorted(method_cards().values(), key=lambda c: (c.step, c.code))
    return [(card, card.procedure_code or card.code) for card in cards if card.requires_training]


def _selected_groups(group_by: str | None, county_codes: Sequence[str]) -> Sequence[str | None]:
    if group_by is None:
        return [None]
    if group_by == "county":
        return sorted(set(county_codes))
    areas = county_areas()
    return sorted({areas[c] for c in county_codes if c in areas})


def with_training_labels(relations: Any, ids: str, trained_ids: str) -> Any:
    """The episodes relation limited to ``ids``, its intervention labelled ``code|1`` (trained) or
    ``code|0``, so that the engine's grouping by intervention splits each method in two."""
    episodes = (f"(SELECT {EPISODE_COLUMNS}, intervention || CASE WHEN episode_id IN ({trained_ids}) "
                f"THEN '|1' ELSE '|0' END AS intervention, problem FROM {relations.episodes} AS t "
                f"WHERE t.episode_id IN ({ids}))")
    return type(relations)(episodes, relations.appointments, relations.measurements)
