"""The episode page's notice when the episode's method asks for training that the responsible
professional has not completed (docs/product.md §6 J): a notice, never a block."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from porras.care.notices import Notice
from porras.competence.services import untrained_method
from porras.lib.language import current_language


def notices(episode: Any) -> list[Notice]:
    card = untrained_method(episode)
    if card is None:
        return []
    language = current_language()
    text = _("The method %(method)s asks for training (%(course)s) that the responsible professional has not "
             "completed according to the training records.") % {"method": card.label(language),
                                                                 "course": card.course_label(language)}
    return [Notice(text, reverse("competence:method", args=[card.code]), _("Method card"))]
