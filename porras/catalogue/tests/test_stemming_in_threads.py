"""The production server answers from several threads of one process: stemming must be thread-safe.
(A shared snowballstemmer object raised IndexError under load: HTTP 500 from the service search.)"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from porras.catalogue.domain import text

WORDS = {
    "fi": ["masennuksen", "ahdistuneisuushäiriöiden", "päihdepalveluihin", "terapeuteille", "nuorille",
           "mielenterveyspalveluissa", "ryhmätoiminnassa", "lyhytterapioista", "ja", "kriisikeskuksessa"],
    "sv": ["depressionen", "missbruket", "ångestsyndrom", "ungdomarnas", "terapeuterna", "samtalsstöd"],
    "en": ["depression", "anxieties", "counselling", "therapists", "youngsters", "running"],
}


@pytest.fixture
def switch_threads_often() -> Iterator[None]:
    """Make the interpreter switch threads every few bytecodes, as a busy server does at random."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(before)


def test_many_threads_stemming_at_once_get_the_same_stems_as_one_thread(switch_threads_often: None) -> None:
    expected = {(word, language): text.stem(word, language) for language, ws in WORDS.items() for word in ws}
    cases = list(expected) * 300

    def stem_all(chunk: list[tuple[str, str]]) -> list[tuple[tuple[str, str], str]]:
        return [((word, language), text.stem(word, language)) for word, language in chunk]

    chunks = [cases[i::8] for i in range(8)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = [pair for chunk_result in pool.map(stem_all, chunks) for pair in chunk_result]
    wrong = {case: got for case, got in results if got != expected[case]}
    assert len(results) == len(cases)
    assert wrong == {}
