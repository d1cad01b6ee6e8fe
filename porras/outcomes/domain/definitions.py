"""Outcome and access definitions of Porras reporting, with their sources.

Every number here is a default that can be changed through :class:`Definitions`; each one names
the source it comes from (``Definitions.SOURCE_OF``), and the sources travel with every report
(``{"definitions": {"version", "sources"}}``). Change ``version`` whenever a threshold changes, so
that published figures can always be traced to the rules that made them.

The rules themselves (implemented by the SQL engine in :mod:`porras.outcomes.domain.engine` and,
independently, by :mod:`porras.outcomes.tests.pandas_reference`):

* *Finished*: ``end_date`` set and at least ``min_treatment_appointments`` (2) appointments of kind
  ``treatment`` with status ``attended``.
* *Paired*: at least two PHQ-9 and at least two GAD-7 measurements in the episode. First score =
  earliest ``date`` (tie: lowest ``measurement_id``), last score = latest ``date`` (tie: highest
  ``measurement_id``).
* The outcome population of a group is its finished, paired episodes; ``finished`` counts them.
* *Not at caseness*: first PHQ-9 < 10 and first GAD-7 < 8.
* *Recovered*: at caseness at the start, and last PHQ-9 < 10 and last GAD-7 < 8.
* *Reliably improved*: (PHQ-9 fell by >= 6 or GAD-7 fell by >= 4) and neither rose by its threshold.
  *Reliably deteriorated*: the mirror image. *Reliably recovered*: recovered and reliably improved.
* Rates: recovery_rate = recovered / (finished - not_at_caseness); reliable_recovery_rate =
  reliably_recovered / (finished - not_at_caseness); reliable_improvement_rate = reliably_improved /
  finished; reliable_deterioration_rate = reliably_deteriorated / finished. A rate whose
  denominator is 0 is null.
* Disclosure control (:mod:`porras.lib.disclosure`, the one rule of every aggregate output): a
  group with ``finished`` below the minimum is not listed; counts below it are withheld; counts are
  rounded for audiences that may not read the records; rates come from the exact counts.

Programmes (digital care; ``SOURCES["porras_programme_completion"]``): an episode's programme is its
first assignment in the optional ``programme_assignments`` table (earliest ``start_date``, tie lowest
``assignment_id``); ``programme_ended`` / ``programme_completed`` count the finished episodes whose
first programme has ended / ended with every module completed; programme_completion_rate =
programme_completed / programme_ended.

Access (see ``ACCESS_COLUMNS`` in :mod:`porras.outcomes.domain.engine` for the published columns):

* days to assessment = ``assessment_date - referral_date``; days to first treatment =
  ``first_treatment_date - referral_date`` (the episode's own dates of the interchange format);
  medians are the middle value, or the mean of the two middle values.
* waiting-time standards: share of the episodes that entered treatment whose first treatment was
  at most 42 (6 weeks) and 126 (18 weeks) days after referral.
* therapy guarantee: clients under 23 at assessment (age = year of ``assessment_date`` minus
  ``birth_year``) who entered treatment; met when the first treatment is at most 28 days after the
  assessment.
* care guarantee in primary care: every episode with an assessment and a first treatment; met when
  the first treatment is at most 14 days (under 23 at assessment) or 3 calendar months (from 23 up)
  after the assessment. A month limit ends on the same day of the month, or on the last day of a
  shorter month (31 Aug + 3 months = 30 Nov).
* completion and drop-out: ``end_reason`` ``completed`` and ``dropped_out`` over ended episodes.
* the children of clients: ``with_minor_children`` counts the episodes of clients with children
  under 18 (``minor_children`` ``yes``; ``no`` and unknown are not counted); ``children_addressed``
  those of them whose children's situation was discussed with the parent or who were referred to
  family services (``children_discussed_date`` or ``family_referral_date`` set); the rate is the one
  over the other. Counted by the referral's period, as every access count.
* Disclosure control as for the outcome report, the population being ``referrals``; a median is
  withheld with the count it is the median of.

Age groups are a Porras convention (see ``SOURCES["porras_age_groups"]``); age at referral =
year of ``referral_date`` minus ``birth_year`` (the interchange format keeps the birth year only).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import ClassVar, Literal

PHQ9 = "phq9"
GAD7 = "gad7"


@dataclass(frozen=True)
class Source:
    """A published source that a definition or threshold comes from."""

    key: str
    citation: str
    used_for: str

    def as_dict(self) -> dict[str, str]:
        return {"key": self.key, "citation": self.citation, "used_for": self.used_for}


SOURCES: dict[str, Source] = {
    s.key: s
    for s in (
        Source(
            "nhs_talking_therapies",
            "NHS Digital, NHS Talking Therapies for anxiety and depression (formerly IAPT): published "
            "outcome measures and their definitions (finished course of treatment, paired scores, "
            "caseness, recovery, reliable improvement, reliable deterioration, reliable recovery).",
            "finished treatment (at least 2 attended treatment appointments), paired scores, caseness "
            "cut-offs PHQ-9 >= 10 and GAD-7 >= 8, reliable change PHQ-9 6 and GAD-7 4, the four rates",
        ),
        Source(
            "phe_glossary",
            "Public Health England, glossary of the IAPT (NHS Talking Therapies) measures.",
            "wording of recovery, reliable improvement and reliable recovery",
        ),
        Source(
            "jacobson_truax_1991",
            "Jacobson N.S., Truax P. (1991). Clinical significance: a statistical approach to defining "
            "meaningful change in psychotherapy research. Journal of Consulting and Clinical "
            "Psychology 59(1), 12-19.",
            "the reliable-change method behind the PHQ-9 and GAD-7 change thresholds",
        ),
        Source(
            "nhs_talking_therapies_waiting_times",
            "NHS England, NHS Talking Therapies (IAPT) waiting-time standards: referral to first "
            "treatment within 6 weeks and within 18 weeks.",
            "the 42-day and 126-day waiting-time shares",
        ),
        Source(
            "fi_therapy_guarantee",
            "Health Care Act of Finland (Terveydenhuoltolaki 1326/2010) as amended by Government "
            "proposal HE 131/2024 vp (and committee report StVM 26/2024 vp): therapy guarantee "
            "(terapiatakuu) for people under 23 - brief psychotherapy or structured, time-limited "
            "psychosocial treatment in primary care starts within 28 days of the need for that "
            "treatment being established, unless medical, therapeutic or similar reasons require "
            "otherwise. Porras counts the 28 days from the episode's assessment date (as stated in "
            "Porras docs/product.md section 2E).",
            "therapy guarantee: under 23 at assessment, first treatment within 28 days",
        ),
        Source(
            "fi_care_guarantee_primary_care",
            "Health Care Act of Finland (Terveydenhuoltolaki 1326/2010) sections 51 a and 51 b as "
            "amended by Government proposal HE 134/2024 vp: care guarantee (hoitotakuu) for "
            "non-urgent primary-care treatment - 14 days for people under 23, 3 months from 23 up "
            "(the 14-day limit of HE 55/2023 for everyone was returned to 3 months for adults). "
            "Porras counts from the episode's assessment date (as stated in Porras docs/product.md "
            "section 2E); specialised care has other limits and is not measured here.",
            "care guarantee limits",
        ),
        Source(
            "porras_programme_completion",
            "Porras convention (not a clinical number): an episode's programme is its first programme "
            "assignment (earliest start_date, tie lowest assignment_id) of the programme_assignments "
            "table; episodes without one form the group with no programme. Programme completion "
            "rate = programme_completed / programme_ended among the report's finished episodes: "
            "programme_ended counts those whose first assignment has an end_date, programme_completed "
            "those of them whose modules_completed reached modules_total.",
            "group by programme; programme completion rate",
        ),
        Source(
            "porras_age_groups",
            "Porras convention (not a clinical number): 0-12 children, 13-17 adolescents, 18-22 young "
            "adults still under the therapy guarantee age of 23, 23-29, 30-64 working age, 65+; "
            "age at referral = year of referral_date minus birth_year.",
            "age_group",
        ),
    )
}


@dataclass(frozen=True)
class Limit:
    """A time limit: an amount of days or of calendar months."""

    amount: int
    unit: Literal["days", "months"]

    def __post_init__(self) -> None:
        if isinstance(self.amount, bool) or not isinstance(self.amount, int) or self.amount < 0:
            raise ValueError(f"limit amount: must be a non-negative integer, got {self.amount!r}")
        if self.unit not in ("days", "months"):
            raise ValueError(f"limit unit: must be 'days' or 'months', got {self.unit!r}")


@dataclass(frozen=True)
class Definitions:
    """Configurable thresholds of the outcome and access reports (defaults with sources)."""

    version: str = "porras-outcomes-2026.1"
    # caseness: at caseness when score >= cut-off
    phq9_caseness: int = 10
    gad7_caseness: int = 8
    # reliable change: a change of at least this many points
    phq9_reliable_change: int = 6
    gad7_reliable_change: int = 4
    min_treatment_appointments: int = 2
    wait_standard_short_days: int = 42
    wait_standard_long_days: int = 126
    therapy_guarantee_age_limit: int = 23
    therapy_guarantee_days: int = 28
    care_guarantee_age_limit: int = 23
    care_guarantee_under_age: Limit = field(default_factory=lambda: Limit(14, "days"))
    care_guarantee_from_age: Limit = field(default_factory=lambda: Limit(3, "months"))
    # lower bounds of the age groups; the last group is open ("65+")
    age_group_bounds: tuple[int, ...] = (0, 13, 18, 23, 30, 65)

    SOURCE_OF: ClassVar[dict[str, str]] = {
        "phq9_caseness": "nhs_talking_therapies",
        "gad7_caseness": "nhs_talking_therapies",
        "phq9_reliable_change": "nhs_talking_therapies",
        "gad7_reliable_change": "nhs_talking_therapies",
        "min_treatment_appointments": "nhs_talking_therapies",
        "wait_standard_short_days": "nhs_talking_therapies_waiting_times",
        "wait_standard_long_days": "nhs_talking_therapies_waiting_times",
        "therapy_guarantee_age_limit": "fi_therapy_guarantee",
        "therapy_guarantee_days": "fi_therapy_guarantee",
        "care_guarantee_age_limit": "fi_care_guarantee_primary_care",
        "care_guarantee_under_age": "fi_care_guarantee_primary_care",
        "care_guarantee_from_age": "fi_care_guarantee_primary_care",
        "age_group_bounds": "porras_age_groups",
    }

    def __post_init__(self) -> None:
        if not isinstance(self.version, str) or not self.version.strip():
            raise ValueError("version: must be a non-empty string")
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name in ("version", "age_group_bounds"):
                continue
            if f.name.startswith("care_guarantee_") and f.name != "care_guarantee_age_limit":
                if not isinstance(value, Limit):
                    raise ValueError(f"{f.name}: must be a Limit, got {value!r}")
                continue
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"{f.name}: must be a non-negative integer, got {value!r}")
        if self.min_treatment_appointments < 1:
            raise ValueError("min_treatment_appointments: must be at least 1")
        bounds = self.age_group_bounds
        if (
            not bounds
            or any(isinstance(b, bool) or not isinstance(b, int) for b in bounds)
            or bounds[0] != 0
            or list(bounds) != sorted(set(bounds))
        ):
            raise ValueError("age_group_bounds: must be strictly increasing integers starting at 0")

    def age_group_labels(self) -> list[str]:
        """Labels of the age groups in order, e.g. ``["0-12", ..., "65+"]``."""
        b = self.age_group_bounds
        labels = [f"{lo}-{hi - 1}" for lo, hi in zip(b, b[1:], strict=False)]
        labels.append(f"{b[-1]}+")
        return labels

    def sources(self) -> list[dict[str, str]]:
        return [s.as_dict() for s in SOURCES.values()]

    def as_report_dict(self) -> dict[str, object]:
        """The ``definitions`` object of a report."""
        return {"version": self.version, "sources": self.sources()}


DEFAULT_DEFINITIONS = Definitions()


class GroupKey(StrEnum):
    """The group keys of both reports, in their canonical order."""

    COUNTY = "county"
    COLLABORATIVE_AREA = "collaborative_area"
    UNIT = "unit"
    INTERVENTION = "intervention"
    STEP = "step"
    PROGRAMME = "programme"
    AGE_GROUP = "age_group"
    SEX = "sex"
    LANGUAGE = "language"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


GROUP_KEYS: tuple[GroupKey, ...] = tuple(GroupKey)
PERIOD_KEYS: frozenset[GroupKey] = frozenset({GroupKey.MONTH, GroupKey.QUARTER, GroupKey.YEAR})
