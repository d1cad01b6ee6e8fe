"""Translatable labels of the report columns and group keys (the column keys stay English)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

GROUP_LABELS: dict[str, Promise] = {
    "county": _("County"),
    "collaborative_area": _("Collaborative area"),
    "unit": _("Unit"),
    "intervention": _("Intervention"),
    "step": _("Step"),
    "programme": _("Programme"),
    "age_group": _("Age group"),
    "sex": _("Sex"),
    "language": _("Language"),
    "month": _("Month"),
    "quarter": _("Quarter"),
    "year": _("Year"),
}

COLUMN_LABELS: dict[str, Promise] = {
    "finished": _("Finished treatment"),
    "not_at_caseness": _("Not at caseness"),
    "recovered": _("Recovered"),
    "recovery_rate": _("Recovery rate"),
    "reliably_improved": _("Reliably improved"),
    "reliable_improvement_rate": _("Reliable improvement rate"),
    "reliably_deteriorated": _("Reliably deteriorated"),
    "reliable_deterioration_rate": _("Reliable deterioration rate"),
    "reliably_recovered": _("Reliably recovered"),
    "reliable_recovery_rate": _("Reliable recovery rate"),
    "programme_ended": _("Programme ended"),
    "programme_completed": _("Programme completed"),
    "programme_completion_rate": _("Programme completion rate"),
    "suppressed": _("Suppressed"),
    "referrals": _("Referrals"),
    "assessed": _("Assessed"),
    "median_days_to_assessment": _("Median days to assessment"),
    "entered_treatment": _("Entered treatment"),
    "median_days_to_first_treatment": _("Median days to first treatment"),
    "treated_within_6_weeks": _("Treated within 6 weeks"),
    "treated_within_6_weeks_rate": _("Share treated within 6 weeks"),
    "treated_within_18_weeks": _("Treated within 18 weeks"),
    "treated_within_18_weeks_rate": _("Share treated within 18 weeks"),
    "therapy_guarantee_eligible": _("Under 23, entered treatment"),
    "therapy_guarantee_met": _("Therapy guarantee met"),
    "therapy_guarantee_rate": _("Therapy guarantee rate"),
    "care_guarantee_eligible": _("Assessed and entered treatment"),
    "care_guarantee_met": _("Care guarantee met"),
    "care_guarantee_rate": _("Care guarantee rate"),
    "ended": _("Ended"),
    "completed": _("Completed"),
    "completion_rate": _("Completion rate"),
    "dropped_out": _("Dropped out"),
    "dropout_rate": _("Drop-out rate"),
    "with_minor_children": _("Clients with children under 18"),
    "children_addressed": _("Children's situation addressed"),
    "children_addressed_rate": _("Share whose children's situation was addressed"),
}


# Where a group's rate falls on the funnel plot (porras.outcomes.domain.funnel.Position). "%" is a
# percent sign, not a placeholder: each is marked so for xgettext (msgfmt -c checks the catalogues).
POSITION_LABELS: dict[str, Promise] = {
    # xgettext:no-python-format
    "above_998": _("Above the 99.8 % limit"),
    # xgettext:no-python-format
    "above_95": _("Above the 95 % limit"),
    "within": _("Within the limits"),
    # xgettext:no-python-format
    "below_95": _("Below the 95 % limit"),
    # xgettext:no-python-format
    "below_998": _("Below the 99.8 % limit"),
}


def label(column: str) -> str:
    return str(GROUP_LABELS.get(column) or COLUMN_LABELS.get(column) or column)
