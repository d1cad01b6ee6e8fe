"""Demo data: the instruments are data files, so there is nothing to insert; loading every definition
here makes ``porras demo`` fail early and loudly on a malformed one."""

from __future__ import annotations

from porras.instruments.domain import list_instruments


def load() -> None:
    list_instruments()
