"""Laying out a PDF fetches nothing: an image, a stylesheet or a font named in a document (whose text
may come from anyone) is refused, so that a document cannot make the server fetch a URL or read a
file. A local HTTP server counts what would have been fetched."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator

import pytest

from porras.lib.pdf import html_to_pdf
from porras.lib.testing import pdf_text


class _Counting(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the standard library's name
        self.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"h1 { color: red }")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    _Counting.hits = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counting)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_urls_in_a_document_are_not_fetched(server: str) -> None:
    html = (f'<html lang="fi"><head><title>t</title><link rel="stylesheet" href="{server}/style.css">'
            f'<style>@import url("{server}/import.css"); @font-face {{ font-family: x; src: url("{server}/f.ttf") }}</style>'
            f'</head><body><h1>Hätänumero 112</h1><img src="{server}/image.png" alt="">'
            f'<img src="file:///etc/passwd" alt=""><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
            f'<image href="{server}/svg.png" width="10" height="10"/></svg></body></html>')
    pdf = html_to_pdf(html)
    assert "Hätänumero 112" in pdf_text(pdf)
    assert _Counting.hits == []
    assert b"root:" not in pdf


def test_a_data_url_is_allowed() -> None:
    pixel = ("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
             "YPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")
    pdf = html_to_pdf(f'<html lang="en"><body><p>dot</p><img src="{pixel}" alt="dot"></body></html>')
    assert b"/Subtype /Image" in pdf or b"/Subtype/Image" in pdf
