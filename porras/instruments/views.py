"""Web pages: the list of instruments, a form a professional fills and scores, and the result."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from porras.instruments import services
from porras.instruments.domain import (
    Instrument,
    UnknownInstrument,
    list_instruments,
    load_instrument,
)
from porras.instruments.models import Channel, InstrumentResponse, TextPack
from porras.lib.errors import InputError
from porras.lib.language import current_language


def _instrument(instrument_id: str) -> Instrument:
    try:
        return load_instrument(instrument_id)
    except UnknownInstrument:
        raise Http404(instrument_id) from None


@login_required
def instrument_list(request: HttpRequest) -> HttpResponse:
    lang = current_language()
    rows = [{"instrument": i, "name": i.name[lang], "range": i.score_range} for i in list_instruments()]
    return render(request, "instruments/list.html", {"rows": rows})


def _text_pack(request: HttpRequest, instrument: Instrument, lang: str) -> TextPack | None:
    raw = request.POST.get("wording") or request.GET.get("wording")
    if not raw or raw == "own":
        return None
    try:
        return TextPack.objects.get(pk=int(raw), instrument=instrument.id, language=lang)
    except (ValueError, TextPack.DoesNotExist):
        raise Http404("text pack") from None


@login_required
def instrument_fill(request: HttpRequest, instrument_id: str) -> HttpResponse:
    instrument = _instrument(instrument_id)
    lang = current_language()
    pack = _text_pack(request, instrument, lang)
    chosen: dict[str, int] = {}
    errors: dict[str, str] = {}
    if request.method == "POST":
        answers: list[int | None] = []
        for item in instrument.items:
            raw = request.POST.get(f"item-{item.id}", "")
            value = int(raw) if raw.isascii() and raw.isdigit() else None
            if value is not None:
                chosen[item.id] = value
            answers.append(value)
        try:
            stored = services.record_response(
                services.score_answers(instrument, answers),
                channel=Channel.WEB,
                wording=pack.wording_ref if pack else None,
                language=lang,
                actor=request,
            )
        except InputError as exc:
            for error in exc.errors:
                item_id = str(error.get("item", error.get("field")))
                if "missing" in str(error["reason"]):
                    errors[item_id] = _("Choose one answer.")
                else:
                    errors[item_id] = _("The answer is not one of the options.")
        else:
            return redirect("instruments:result", response_id=stored.pk)
    texts = services.item_texts(instrument, lang, pack)
    items = [
        {
            "item": item,
            "text": texts[item.id],
            "options": [
                {"position": p, "text": o.text[lang], "score": s if item.scored else None}
                for p, (o, s) in enumerate(zip(item.options, item.scores, strict=True))
            ],
            "chosen": chosen.get(item.id),
            "error": errors.get(item.id),
        }
        for item in instrument.items
    ]
    context: dict[str, Any] = {
        "instrument": instrument,
        "name": instrument.name[lang],
        "instructions": instrument.instructions[lang] if instrument.instructions else "",
        "items": items,
        "errors": errors,
        "packs": TextPack.objects.filter(instrument=instrument.id, language=lang),
        "pack": pack,
    }
    return render(request, "instruments/fill.html", context, status=400 if errors else 200)


@login_required
def result(request: HttpRequest, response_id: str) -> HttpResponse:
    stored = get_object_or_404(
        InstrumentResponse, pk=response_id, created_by=request.user, channel=Channel.WEB
    )
    instrument = _instrument(stored.instrument)
    lang = current_language()
    data = stored.result
    band = instrument.band(data["severity"]) if data.get("severity") else None
    texts = services.item_texts(instrument, stored.language or lang, stored.text_pack)
    answered = []
    for item, position in zip(instrument.items, stored.answers, strict=False):
        option = item.options[position].text[lang] if position is not None else None
        answered.append({"item": item, "text": texts[item.id], "answer": option})
    risk_items = {str(f["item"]) for f in data.get("risk_flags", [])}
    risk_answers = [
        services.answer_in_words(instrument.id, str(f["item"]), lang, answers=stored.answers, score=f.get("value"),
                                 text_pack=stored.text_pack)
        for f in data.get("risk_flags", [])
    ]
    context = {
        "instrument": instrument,
        "name": instrument.name[lang],
        "stored": stored,
        "data": data,
        "band_label": band.label[lang] if band else None,
        "cutoff": instrument.caseness.min_total if instrument.caseness else None,
        "reliable_change": instrument.reliable_change.threshold if instrument.reliable_change else None,
        "answered": answered,
        "risk_items": risk_items,
        "risk_answers": [a for a in risk_answers if a is not None],
        "wording_shown": services.wording_in_words(stored),
    }
    return render(request, "instruments/result.html", context)
