from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import AppConfig

if TYPE_CHECKING:
    from porras.outcomes.domain.engine import Relations


class CareConfig(AppConfig):
    name = "porras.care"
    label = "care"

    def ready(self) -> None:
        # The reports read the care tables through this function (care -> outcomes, never back).
        from porras.outcomes.sources import provide_database_relations

        provide_database_relations(_report_relations)


def _report_relations() -> Relations:
    from porras.care.reporting import interchange_relations  # pyarrow and the care models: on first use

    return interchange_relations()
