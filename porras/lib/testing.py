"""Test-only helpers that live in the package so that settings can name them."""

from __future__ import annotations

from django.contrib.auth.hashers import Argon2PasswordHasher


class CheapArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2 with tiny costs: the same algorithm and format, fast enough for hundreds of test users."""

    time_cost = 1
    memory_cost = 64
    parallelism = 1


def pdf_text(content: bytes) -> str:
    """The text of every page of a PDF, read back by pypdf (a dev dependency) with whitespace folded:
    what the tests of printed documents look for."""
    import io
    import re

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in reader.pages))
