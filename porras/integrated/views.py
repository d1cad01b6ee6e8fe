"""Pages of integrated care: the consultation queue, asking a question about an episode, and one
consultation with its answer."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from porras.integrated import forms, services
from porras.integrated.models import Consultation
from porras.lib.errors import InputError
from porras.lib.language import current_language


@login_required
def consultations(request: HttpRequest) -> HttpResponse:
    """The specialist units' queue, and the requests the user's own units have asked."""
    found = services.queue(request)
    asked = services.asked_from_my_units(request)
    return render(request, "integrated/consultations.html", {"queue": found, "asked": asked})


@login_required
def ask(request: HttpRequest, episode_id: int) -> HttpResponse:
    episode = services.authorise_ask(request, episode_id)
    units = list(services.specialist_units(episode))
    form = forms.AskForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            consultation = services.ask(request, episode_id, d["specialist_unit"], d["question"], d["urgency"],
                                        d["preferred_form"])
        except InputError as exc:
            forms.show_errors(form, exc)
        else:
            messages.success(request, _("Your question was sent to the specialist unit."))
            return redirect("integrated:consultation", consultation.pk)
    return render(request, "integrated/ask.html", {"form": form, "episode": episode, "units": units},
                  status=422 if form.errors else 200)


def _facts(consultation: Consultation) -> dict[str, object]:
    episode = consultation.episode
    return {
        "client": episode.client,
        "concerns": episode.concern_labels(),
        "intervention": episode.intervention_label(current_language()) if episode.intervention else "",
        "measurements": services.latest_scores(consultation),
    }


@login_required
def consultation(request: HttpRequest, pk: int) -> HttpResponse:
    found = services.get(request, pk)
    form = forms.AnswerForm(request.POST or None)
    if request.method == "POST":
        services.authorise_answer(request, pk)
        if form.is_valid():
            try:
                services.answer(request, pk, form.cleaned_data["answer"], form.cleaned_data["outcome"])
            except InputError as exc:
                forms.show_errors(form, exc)
            else:
                messages.success(request, _("Your answer was saved on the episode."))
                return redirect("integrated:consultation", pk)
    return render(request, "integrated/consultation.html", {
        "c": found, "form": form, "may_answer": services.may_answer(request, found), **_facts(found),
    }, status=422 if form.errors else 200)
