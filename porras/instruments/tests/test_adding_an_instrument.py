"""Adding an instrument is a data change only: a new YAML file in a data directory is loaded and scored."""

from __future__ import annotations

from pathlib import Path

from porras.instruments.domain import instrument_ids, load_instrument, score

TOY = """
id: toy2
version: "0.1"
abbreviation: TOY-2
name: {fi: Leikki, sv: Lek, en: Toy}
licence: Test fixture only.
sources:
  - id: made-up-for-tests
    citation: A made-up instrument used only by Porras's tests.
response_sets:
  yes_no:
    - {code: "no", score: 0, text: {fi: Ei, sv: Nej, en: "No"}}
    - {code: "yes", score: 5, text: {fi: Kyllä, sv: Ja, en: "Yes"}}
items:
  - id: a
    response_set: yes_no
    text: {fi: A, sv: A, en: A}
  - id: b
    response_set: yes_no
    reverse: true
    text: {fi: B, sv: B, en: B}
scoring:
  method: sum
  range: [0, 10]
  source: made-up-for-tests
  missing: {rule: refuse}
caseness: {min_total: 5, source: made-up-for-tests}
"""


def test_a_new_yaml_file_is_a_new_instrument(tmp_path: Path) -> None:
    (tmp_path / "toy2.yaml").write_text(TOY, encoding="utf-8")
    assert instrument_ids(tmp_path) == ["toy2"]
    toy = load_instrument("toy2", tmp_path)
    result = score(toy, [1, 1])  # yes (5) + reversed yes (0)
    assert result.total == 5
    assert result.caseness is True
    assert score(toy, [0, 0]).total == 5  # no (0) + reversed no (5)
