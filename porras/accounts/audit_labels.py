"""Human names of audit actions and outcomes, in Finnish, Swedish and English.

The log itself keeps the machine names (``episode.read``); the audit log page and its CSV show these
beside them. An action missing here is shown as it is written (``label`` falls back to the raw
name), and ``porras/accounts/tests/test_every_audit_action_has_a_human_name.py`` lists every action
written in the code that lacks one. Generic actions (``read``, ``create``, ``import``, ``search``)
are those of FHIR and the instruments; the object type beside them tells what was read or created.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

ACTION_LABELS: dict[str, str | Promise] = {
    # Signing in and accounts
    "login": _("Sign-in"),
    "login.second_factor": _("Sign-in: second factor"),
    "login.lockout": _("Sign-in: account locked"),
    "logout": _("Sign-out"),
    "second_factor.enable": _("Two-step verification turned on"),
    "token.issue": _("API token issued"),
    "token.revoke": _("API token revoked"),
    "token.refused": _("API token refused (revoked, expired or its user not allowed)"),
    "user.create": _("User created"),
    "user.add_role": _("Role added (command line)"),
    "user.read": _("User account viewed"),
    "user.update": _("User account changed"),
    "user.role_grant": _("Role given"),
    "user.role_revoke": _("Role removed"),
    "user.activate": _("Account activated"),
    "user.deactivate": _("Account deactivated"),
    "user.unlock": _("Account unlocked"),
    "user.second_factor_reset": _("Two-step verification reset"),
    "user.password_link": _("Password link sent or shown"),
    "user.password_set": _("Password set through a link"),
    "user.password_change": _("Own password changed"),
    "audit.read": _("Audit log viewed"),
    "audit.export": _("Audit log exported"),
    # Care
    "client.create": _("Client created"),
    "client.register": _("Client registered in a unit"),
    "client.read": _("Client viewed"),
    "client.list": _("Client list viewed"),
    "episode.create": _("Episode created"),
    "episode.read": _("Episode viewed"),
    "episode.list": _("Episode list viewed"),
    "episode.update": _("Episode changed"),
    "episode.transfer": _("Episode transferred"),
    "appointment.create": _("Appointment recorded"),
    "appointment.update": _("Appointment changed"),
    "appointment.list": _("Appointments viewed"),
    "measurement.create": _("Measurement recorded"),
    "measurement.list": _("Measurements viewed"),
    "appointment.read": _("Appointment opened for correction"),
    "measurement.read": _("Measurement opened for correction"),
    "appointment.void": _("Appointment voided as entered in error"),
    "appointment.correct": _("Appointment corrected"),
    "measurement.void": _("Measurement voided as entered in error"),
    "measurement.correct": _("Measurement corrected"),
    "episode.void": _("Referral voided as entered in error"),
    "episode.correct": _("Referral corrected"),
    "episode.from_assessment": _("Referral started from a saved self-assessment"),
    "client.search": _("Client searched for"),
    "correction.list": _("Correction history viewed"),
    "risk_flag.acknowledge": _("Risk flag acknowledged"),
    "risk_flag.list": _("Risk flags viewed"),
    "safety_plan.create": _("Safety plan saved"),
    "safety_plan.read": _("Safety plan viewed"),
    "safety_plan.print": _("Safety plan printed or downloaded as a PDF"),
    "episode.print": _("Episode summary printed or downloaded as a PDF"),
    "followup.create": _("Follow-up scheduled"),
    "followup.complete": _("Follow-up done"),
    "followup.list": _("Follow-ups viewed"),
    "worklist.read": _("Work list viewed"),
    "dataset.import": _("Data set imported"),
    "dataset.export": _("Data set exported"),
    "request.replay": _("Repeated request answered from its first answer"),
    "idempotency.purge": _("Expired stored first answers of repeatable requests deleted"),
    # Navigator
    "navigator.assessment.save": _("Self-assessment saved"),
    "navigator.assessment.open": _("Self-assessment opened by code"),
    "navigator.assessment.print": _("Saved self-assessment downloaded as a PDF by its code"),
    "navigator.assessment.reopen": _("Saved self-assessment reopened with its code by a signed-in user"),
    "navigator.assessment.delete": _("Saved self-assessment deleted with its code"),
    "navigator.assessment.guardian": _("A guardian's answers added to a young person's self-assessment"),
    "navigator.assessment.purge": _("Expired self-assessments deleted"),
    # Digital care at steps 0 and 1 (selfcare)
    "selfcare.assign": _("Programme assigned to an episode"),
    "selfcare.code": _("New programme code given to the client"),
    "selfcare.revoke": _("Client's programme codes and sign-ins revoked"),
    "selfcare.end": _("Programme ended"),
    "selfcare.episode_ended": _("Programmes of an ended episode closed"),
    "selfcare.questionnaire_request": _("Questionnaire sent to the client with a code"),
    "selfcare.client_access": _("Client signed in with a code"),
    "selfcare.client_sign_out": _("Client signed out"),
    "selfcare.programme.read": _("Client opened their programme"),
    "selfcare.module_save": _("Client saved a programme module"),
    "selfcare.message.list": _("Programme messages viewed"),
    "selfcare.message_send": _("Programme message sent"),
    "selfcare.feedback": _("Feedback given on a programme module"),
    "selfcare.episode.read": _("Episode's digital care viewed"),
    "selfcare.worklist.read": _("Programme work list viewed"),
    "selfcare.open_save": _("Open programme progress saved under a code"),
    "selfcare.purge": _("Expired programme progress and client sign-ins deleted"),
    # Catalogue
    "catalogue.import": _("Service catalogue imported"),
    "catalogue.service.create": _("Service created"),
    "catalogue.service.update": _("Service changed"),
    "catalogue.service.draft": _("Service returned to draft"),
    "catalogue.service.published": _("Service published"),
    "catalogue.service.withdrawn": _("Service withdrawn"),
    # IPS
    "ips.caseload.list": _("IPS caseload viewed"),
    "ips.path.create": _("IPS client path created"),
    "ips.path.read": _("IPS client path viewed"),
    "ips.path.update": _("IPS client path changed"),
    "ips.employer_contact.create": _("Employer contact recorded"),
    "ips.employment.create": _("Employment recorded"),
    # Integrated care
    "consultation.create": _("Consultation asked of specialised care"),
    "consultation.read": _("Consultation viewed"),
    "consultation.list": _("Consultation list viewed"),
    "consultation.answer": _("Consultation answered"),
    "consultation.export": _("Consultations exported"),
    "social_care.create": _("Social welfare added to the team"),
    "social_care.list": _("Social welfare of the team viewed"),
    "social_care.read": _("Social welfare member viewed"),
    "social_care.end": _("Social welfare left the team"),
    "somatic_check.create": _("Somatic health check recorded"),
    "somatic_check.list": _("Somatic health checks viewed"),
    "somatic_check.acknowledge": _("Flagged somatic values acknowledged"),
    "consultation.withdraw": _("Consultation question withdrawn"),
    "consultation.import": _("Integrated-care tables imported"),
    "programme_assignment.export": _("Programme assignments exported"),
    "programme_assignment.import": _("Programme assignments imported"),
    "somatic_risk_group.create": _("Somatic-risk diagnosis group recorded"),
    "somatic_risk_group.list": _("Somatic-risk diagnosis groups viewed"),
    "somatic_risk_group.delete": _("Somatic-risk diagnosis group removed"),
    # FHIR and instruments (the object type tells what)
    "create": _("Created"),
    "read": _("Viewed"),
    "search": _("Searched"),
    "import": _("Imported"),
    # Method competence
    "competence.training.list": _("Training records listed"),
    "competence.training.read": _("Training record viewed"),
    "competence.training.create": _("Training record created"),
    "competence.training.update": _("Training record changed"),
    "competence.training.import": _("Training records imported"),
    "competence.capacity.read": _("Trained capacity viewed"),
    "competence.scorecard.read": _("Scorecard viewed"),
    "competence.scorecard.list": _("Counties compared"),
}

OUTCOME_LABELS: dict[str, str | Promise] = {
    "ok": _("done"),
    "denied": _("refused"),
    "failed": _("failed"),
}


def label(action: str) -> str:
    """The human name of ``action`` in the active language, or ``action`` itself if it has none."""
    return str(ACTION_LABELS.get(action, action))


def outcome_label(outcome: str) -> str:
    return str(OUTCOME_LABELS.get(outcome, outcome))


def action_choices() -> list[tuple[str, str]]:
    """(action, human name) for the filter's list, by name in the active language."""
    return sorted(((a, str(text)) for a, text in ACTION_LABELS.items()), key=lambda pair: pair[1].casefold())
