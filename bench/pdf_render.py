"""How long one PDF takes: the safety plan's client copy, the episode summary with its two charts and
the resident's self-assessment result, on the demo data (WeasyPrint, porras.lib.pdf).

    .venv/bin/python bench/pdf_render.py [--runs 15]

Builds a fresh SQLite database with ``porras demo`` in a temporary folder, then times each document
as its PDF view makes it (the template rendered, then laid out and written by WeasyPrint) in this
process: the first render apart (it loads the fonts through fontconfig), then the median, lowest and
highest of ``--runs`` more. Prints the pages and bytes of each PDF.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    var = tempfile.mkdtemp(prefix="porras-pdf-bench-")
    os.environ["PORRAS_VAR_DIR"] = var
    os.environ["PORRAS_DATABASE_URL"] = f"sqlite:///{var}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "porras.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import RequestFactory
    from django.utils import timezone, translation
    from pypdf import PdfReader

    call_command("migrate", verbosity=0)
    call_command("demo", verbosity=0)

    from porras.accounts.models import User
    from porras.care import printing
    from porras.care.models import Episode
    from porras.lib.pdf import document_pdf
    from porras.navigator import printing as navigator_printing
    from porras.navigator import services

    translation.activate("fi")
    user = User.objects.get(username="ammattilainen")
    request = RequestFactory().get("/")
    request.user = user
    episode = Episode.objects.filter(safety_plans__isnull=False).select_related(
        "client", "unit__organisation__county").first()
    assert episode is not None, "the demo has no safety plan"
    plan = episode.safety_plans.order_by("-number").first()
    answers = {"age": 30, "language": "fi", "concerns": ["depression", "anxiety"], "county": "helsinki",
               "responses": {"phq9": [2, 2, 2, 1, 1, 1, 1, 1, 1, 0], "gad7": [1] * 7},
               "risk": {"plan_to_end_life": False}}
    result = services.recommend(answers)

    def safety_plan() -> bytes:
        d = printing.safety_plan_document(episode, plan)
        return document_pdf(d.body, title=d.title, language=d.language)

    def summary() -> bytes:
        d = printing.episode_summary_document(request, episode)
        return document_pdf(d.body, title=d.title, language=d.language)

    def navigator_result() -> bytes:
        body, language, title = navigator_printing.result_document(answers, result, made_at=timezone.now())
        return document_pdf(body, title=title, language=language)

    documents: list[tuple[str, Callable[[], bytes]]] = [
        ("safety plan, client's copy", safety_plan),
        (f"episode summary ({episode.measurements.count()} measurements, 2 charts)", summary),
        ("self-assessment result (risk answer, crisis box)", navigator_result),
    ]
    print(f"load average {os.getloadavg()[0]:.1f}; {args.runs} runs each after the first")
    print("| document | first render s | median s | min s | max s | pages | KB |")
    print("|---|---|---|---|---|---|---|")


    for name, make in documents:
        start = time.perf_counter()
        pdf = make()
        first = time.perf_counter() - start
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            make()
            times.append(time.perf_counter() - start)
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        print(f"| {name} | {first:.3f} | {statistics.median(times):.3f} | {min(times):.3f} | "
              f"{max(times):.3f} | {pages} | {len(pdf) / 1024:.0f} |")


if __name__ == "__main__":
    main()
