"""Every PDF leaves as an attachment with an ASCII name that no cache keeps (it may hold health
data), tagged for screen readers, with the document's title and language."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from porras.lib.pdf import document_pdf, pdf_response


def test_the_response_is_an_attachment_kept_by_no_cache() -> None:
    response = pdf_response(b"%PDF-1.7 ...", "safety-plan.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="safety-plan.pdf"'
    assert response["Cache-Control"] == "no-store, private"


@pytest.mark.parametrize("name", ["säkerhetsplan.pdf", 'a".pdf', "plan.html"])
def test_a_file_name_that_is_not_plain_is_refused(name: str) -> None:
    with pytest.raises(ValueError, match="filename"):
        pdf_response(b"%PDF", name)


def test_the_pdf_is_tagged_with_its_title_and_language() -> None:
    pdf = document_pdf("<h1>Oma turvasuunnitelmani</h1>", title="Oma turvasuunnitelmani", language="fi")
    assert pdf.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(pdf))
    catalogue = reader.trailer["/Root"]
    assert bool(catalogue["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in catalogue
    assert catalogue["/Lang"] == "fi"
    assert reader.metadata.title == "Oma turvasuunnitelmani"
