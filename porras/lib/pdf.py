"""Printable documents as PDF, made by WeasyPrint from the same HTML and CSS as their print pages.

One way for every PDF in Porras: a view renders the document's body (a template it shares with its
page), :func:`document_pdf` wraps it in ``print/pdf.html`` with the document stylesheets and lays it
out, and :func:`pdf_response` sends it as an attachment that no cache keeps.

WeasyPrint needs Pango (Debian's ``libpango-1.0-0`` and ``libpangoft2-1.0-0``) and finds fonts
through fontconfig (``fonts-dejavu-core`` covers Finnish and Swedish letters). It is imported on first
use: on a machine without Pango everything else works and a PDF answers 503 (:class:`Unavailable`).

Nothing is fetched while a document is laid out: stylesheets are read from the static files and given
as text, and every URL in a document (images, stylesheets, fonts) is refused except ``data:``, so
that no text in a document, some of it typed by people, can make the server fetch anything.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import cache
from typing import Any

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string

from porras.lib.errors import Unavailable

log = logging.getLogger(__name__)

PDF_MEDIA_TYPE = "application/pdf"
# The stylesheet of every printed document (page size, margins, page numbers, type); a document adds its own.
DOCUMENT_STYLESHEET = "web/document.css"


@cache
def _weasyprint() -> Any:
    try:
        import weasyprint
    except (OSError, ImportError) as exc:  # OSError: Pango is missing (WeasyPrint loads it with cffi)
        log.error("PDF rendering unavailable: %s", exc)
        raise Unavailable("PDF rendering is unavailable: WeasyPrint or the Pango library is missing") from exc
    return weasyprint


def _stylesheet_text(static_path: str) -> str:
    found = finders.find(static_path)
    if not found:
        raise FileNotFoundError(f"static file {static_path!r} not found")
    path = found[0] if isinstance(found, list) else found
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def html_to_pdf(html: str, stylesheets: Sequence[str] = ()) -> bytes:
    """Lay out ``html`` with the static stylesheets named (``"web/document.css"``) as a PDF.

    The PDF is tagged (PDF/UA-1: headings, lists and tables kept for screen readers) and its title and
    language come from the document's ``<title>`` and ``<html lang>``.
    """
    weasyprint = _weasyprint()
    fetcher = weasyprint.URLFetcher(allowed_protocols=("data",))
    css = [weasyprint.CSS(string=_stylesheet_text(path), url_fetcher=fetcher) for path in stylesheets]
    document = weasyprint.HTML(string=html, url_fetcher=fetcher, base_url=None)
    return bytes(document.write_pdf(stylesheets=css, pdf_variant="pdf/ua-1"))


def document_pdf(body: str, *, title: str, language: str, stylesheets: Sequence[str] = ()) -> bytes:
    """A document's body (HTML rendered from its template) as a PDF with the document stylesheet first."""
    html = render_to_string("print/pdf.html", {"body": body, "title": title, "language": language})
    return html_to_pdf(html, [DOCUMENT_STYLESHEET, *stylesheets])


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    """``content`` as a download named ``filename`` (ASCII), kept by no cache: it may hold health data."""
    if not filename.isascii() or '"' in filename or not filename.endswith(".pdf"):
        raise ValueError(f"filename: {filename!r} must be ASCII, end in .pdf and hold no quotes")
    response = HttpResponse(content, content_type=PDF_MEDIA_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store, private"
    response["X-Content-Type-Options"] = "nosniff"
    return response
