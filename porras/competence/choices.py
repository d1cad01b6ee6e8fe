"""Choice values of the competence app, declared once."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ORIGINS = [
    ("entered", _("Entered in Porras")),
    ("imported", _("Imported from a training provider")),
]
