"""A report's rows as a CSV or XLSX file download (the web views and the API share it)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.http import HttpResponse

from porras.lib import tabular

TABULAR_FORMATS = ("csv", "xlsx")


def tabular_download(
    rows: Iterable[Mapping[str, Any]], columns: Sequence[str], fmt: str, name: str, sheet: str | None = None
) -> HttpResponse:
    """``name.csv`` or ``name.xlsx`` as an attachment; ``fmt`` must be one of :data:`TABULAR_FORMATS`."""
    if fmt == "csv":
        response = HttpResponse(tabular.to_csv(rows, columns), content_type=tabular.CSV_MEDIA_TYPE)
    elif fmt == "xlsx":
        response = HttpResponse(
            tabular.to_xlsx(rows, columns, sheet=sheet or name), content_type=tabular.XLSX_MEDIA_TYPE
        )
    else:
        raise ValueError(f"format: {fmt!r} is not one of {', '.join(TABULAR_FORMATS)}")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
