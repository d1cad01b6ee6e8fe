"""Printed care documents: the client's own copy of the safety plan, and the episode summary with its
progress charts. Each is a page (with the print stylesheet, for the browser's print) and a PDF made
from the same template by :mod:`porras.lib.pdf`.

Every print and PDF is a read of client data: it is authorised like the episode page (another unit's
episode is 404, audited as denied) and audited with the ids it shows (``safety_plan.print``,
``episode.print``; ``format`` says ``page`` or ``pdf``).

The safety plan copy is the client's: in the client's language (the UI language when the client's is
not one Porras speaks), in plain words, with 112 and the crisis lines, the plan's date and version and
the unit, and no client number, pseudonym or user name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from porras.accounts import audit
from porras.accounts.roles import Perm
from porras.care import services
from porras.care.charts import instrument_charts
from porras.care.models import Episode, SafetyPlan
from porras.lib.errors import NotFound
from porras.lib.language import UI_LANGUAGES, current_language
from porras.lib.pdf import document_pdf, pdf_response
from porras.navigator.crisis import crisis_contacts_for

# The parts of the plan (docs/product.md §2D), headed in the client's own words.
SAFETY_PLAN_PARTS = (
    ("warning_signs", gettext_lazy("Signs that a crisis may be starting")),
    ("own_coping", gettext_lazy("What I can do myself to feel better")),
    ("people_and_places", gettext_lazy("People and places that help me")),
    ("professionals_and_crisis_lines", gettext_lazy("Professionals and crisis lines I can call")),
    ("safe_surroundings", gettext_lazy("How I make my surroundings safe")),
)
# The file name of the client's copy, in the client's language (ASCII: some systems mangle others).
SAFETY_PLAN_FILENAME = {"fi": "turvasuunnitelma.pdf", "sv": "sakerhetsplan.pdf", "en": "safety-plan.pdf"}


@dataclass(frozen=True)
class Document:
    """A rendered document body, the language it is in, and its title."""

    body: SafeString
    language: str
    title: str


def client_language(episode: Episode) -> str:
    """The language of the client's copy: the client's, else the UI language."""
    language = episode.client.language
    return language if language in UI_LANGUAGES else current_language()


def read_safety_plan_for_print(actor: Any, episode_id: int, fmt: str) -> tuple[Episode, SafetyPlan]:
    """The episode and its newest safety plan version, audited as printed; NotFound without a plan."""
    episode = services.get_episode(actor, episode_id, Perm.CLIENT_READ, "safety_plan.print")
    plan = episode.safety_plans.order_by("-number").first()
    if plan is None:
        raise NotFound("safety_plan: not found")
    audit.record(actor, "safety_plan.print", "safety_plan", plan.pk,
                 detail={"episode": episode.pk, "client": episode.client_id, "version": plan.number, "format": fmt})
    return episode, plan


def read_episode_for_print(actor: Any, episode_id: int, fmt: str) -> Episode:
    """The episode, audited as printed with the client and the measurements shown."""
    episode = services.get_episode(actor, episode_id, Perm.CLIENT_READ, "episode.print")
    audit.record(actor, "episode.print", "episode", episode.pk, detail={
        "client": episode.client_id, "format": fmt,
        "measurements": list(episode.measurements.values_list("pk", flat=True)),
        "safety_plans": list(episode.safety_plans.values_list("number", flat=True)),
    })
    return episode


def safety_plan_document(episode: Episode, plan: SafetyPlan) -> Document:
    language = client_language(episode)
    with translation.override(language):
        body = render_to_string("care/print/_safety_plan.html", {
            "plan": plan,
            "parts": [(label, getattr(plan, field)) for field, label in SAFETY_PLAN_PARTS],
            "unit_name": episode.unit.name,
            "contacts": crisis_contacts_for(language, episode.unit.organisation.county.code),
            "printed_on": timezone.localdate(),
            "language": language,
        })
        title = _("My safety plan")
    return Document(mark_safe(body), language, str(title))  # noqa: S308 - a template's escaped output


def episode_summary_document(request: HttpRequest, episode: Episode) -> Document:
    language = current_language()
    contents = services.episode_contents(request, episode, language)
    body = render_to_string("care/print/_episode_summary.html", {
        "episode": episode,
        "client": episode.client,
        "charts": instrument_charts(contents.measurements, language),
        "appointments": contents.appointments,
        "attended": sum(1 for a in contents.appointments if a.status == "attended"),
        "open_flags": contents.open_flags,
        "acknowledged_flags": contents.acknowledged_flags,
        "safety_plan": episode.safety_plans.order_by("-number").first(),
        "followups": list(episode.followups.all()),
        "step_changes": list(episode.step_changes.all()),
        "transfers": list(episode.transfers.select_related("from_unit", "to_unit")),
        "intervention": episode.intervention_label(language) if episode.intervention else "",
        "concern_labels": episode.concern_labels(),
        "printed_at": timezone.localtime(),
        "printed_by": request.user.get_username(),
        "language": language,
    })
    title = _("Episode %(id)s: summary") % {"id": episode.pk}
    return Document(mark_safe(body), language, title)  # noqa: S308 - a template's escaped output


@login_required
@require_GET
def safety_plan_copy(request: HttpRequest, episode_id: int) -> HttpResponse:
    episode, plan = read_safety_plan_for_print(request, episode_id, "page")
    return render(request, "care/print/safety_plan.html", {
        "episode": episode, "document": safety_plan_document(episode, plan),
    })


@login_required
@require_GET
def safety_plan_pdf(request: HttpRequest, episode_id: int) -> HttpResponse:
    episode, plan = read_safety_plan_for_print(request, episode_id, "pdf")
    document = safety_plan_document(episode, plan)
    pdf = document_pdf(document.body, title=document.title, language=document.language)
    return pdf_response(pdf, SAFETY_PLAN_FILENAME[document.language])


@login_required
@require_GET
def episode_summary(request: HttpRequest, episode_id: int) -> HttpResponse:
    episode = read_episode_for_print(request, episode_id, "page")
    return render(request, "care/print/episode_summary.html", {
        "episode": episode, "document": episode_summary_document(request, episode),
    })


@login_required
@require_GET
def episode_summary_pdf(request: HttpRequest, episode_id: int) -> HttpResponse:
    episode = read_episode_for_print(request, episode_id, "pdf")
    document = episode_summary_document(request, episode)
    pdf = document_pdf(document.body, title=document.title, language=document.language)
    return pdf_response(pdf, f"episode-{episode.pk}-summary.pdf")
