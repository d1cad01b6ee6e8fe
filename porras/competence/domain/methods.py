"""Method cards, as the competence app reads them.

The cards live below every app that names a method, in ``porras/methods`` (the navigator, care and
competence read them there; see ``porras/methods/domain/cards.py``). This module only re-exports them
under the names the competence app has always used.
"""

from __future__ import annotations

from porras.methods.domain.cards import (
    MethodCard,
    MethodCatalogue,
    MethodDataError,
    Training,
    method_card,
    method_cards,
    method_catalogue,
)

__all__ = [
    "MethodCard", "MethodCatalogue", "MethodDataError", "Training", "method_card", "method_cards",
    "method_catalogue",
]
