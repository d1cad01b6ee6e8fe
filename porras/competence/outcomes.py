"""Outcomes by whether the treating professional was trained in the method (docs/product.md §6 J).

Built on the reports' engine (``porras.outcomes``): the same definitions (finished, recovery,
reliable improvement) over the same interchange relations, scoped to what the reader may see, and
published through the one disclosure rule with ``trained`` as a second key beside the method — so
that the trained and untrained cells of a method are protected together against the method's total
(complementary suppression), exactly as every other report's cells are.

*Trained* means: the episode's responsible professional has a training record for the episode's
method completed on or before the first treatment appointment (the referral date when treatment has
not started). Only methods whose card asks for training are counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import connection

from porras.care.models import Episode
from porras.competence.domain.methods import MethodCard, method_cards
from porras.competence.models import TrainingRecord
from porras.lib.disclosure import Policy, TableSpec, protect
from porras.outcomes import services as reports
from porras.outcomes.domain.definitions import DEFAULT_DEFINITIONS, GroupKey
from porras.outcomes.domain.engine import OUTCOME_COUNTS, OUTCOME_RATES, outcomes_sql, restrict
from porras.outcomes.sources import database_relations

EPISODE_COLUMNS = ("episode_id, client_id, county_code, unit_id, birth_year, sex, language, referral_date, "
                   "assessment_date, first_treatment_date, end_date, end_reason, step")


@dataclass(frozen=True)
class TrainingOutcomes:
    card: MethodCard
    trained: dict[str, Any] | None  # the published row (None: withheld or no episodes)
    untrained: dict[str, Any] | None

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


def outcomes_by_training(actor: Any, county_codes: list[str], policy: Policy | None = None) -> list[TrainingOutcomes]:
    """Per method that asks for training: the outcome figures of episodes whose professional was
    trained, and of the rest, within ``county_codes`` and the actor's scope of aggregates."""
    counties, units = reports.user_scope(actor)
    relations = restrict(restrict(database_relations(), counties, units), county_codes, None)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT episode_id FROM {relations.episodes} AS e")
        in_scope = [int(row[0]) for row in cursor.fetchall()]
    every, trained = _trained_episode_ids(in_scope)
    ids = ", ".join(str(i) for i in sorted(every)) or "NULL"
    trained_ids = ", ".join(str(i) for i in sorted(trained)) or "NULL"
    labelled = with_training_labels(relations, ids, trained_ids)
    sql = outcomes_sql(reports._database_dialect(), (GroupKey.INTERVENTION,), labelled, DEFAULT_DEFINITIONS)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        rows = cursor.fetchall()
    exact = []
    for row in rows:
        label = str(row[0])
        intervention, _, flag = label.rpartition("|")
        exact.append({"intervention": intervention, "trained": flag == "1",
                      **{c: int(v or 0) for c, v in zip(OUTCOME_COUNTS, row[1:1 + len(OUTCOME_COUNTS)], strict=True)}})
    spec = TableSpec(("intervention", "trained"), "finished", OUTCOME_COUNTS, OUTCOME_RATES)
    published = protect(spec, exact, policy or reports.policy_for(actor))
    by_key = {(r["intervention"], r["trained"]): r for r in published}
    out = []
    for card in sorted(method_cards().values(), key=lambda c: (c.step, c.code)):
        if not card.requires_training:
            continue
        key = card.procedure_code or card.code  # the interchange names a method by its procedure code
        out.append(TrainingOutcomes(card, by_key.get((key, True)), by_key.get((key, False))))
    return out


def with_training_labels(relations: Any, ids: str, trained_ids: str) -> Any:
    """The episodes relation limited to ``ids``, its intervention labelled ``code|1`` (trained) or
    ``code|0``, so that the engine's grouping by intervention splits each method in two."""
    episodes = (f"(SELECT {EPISODE_COLUMNS}, intervention || CASE WHEN episode_id IN ({trained_ids}) "
                f"THEN '|1' ELSE '|0' END AS intervention, problem FROM {relations.episodes} AS t "
                f"WHERE t.episode_id IN ({ids}))")
    return type(relations)(episodes, relations.appointments, relations.measurements)
