"""Scoring and banding of the 25-item IPS Supported Employment Fidelity Scale.

The scale (items, sections, band edges and their sources) is data in
``porras/ips/data/fidelity_scale.yaml``; this module only reads it and applies it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DEFAULT_SCALE_PATH = Path(__file__).resolve().parent.parent / "data" / "fidelity_scale.yaml"
LANGUAGES = ("fi", "sv", "en")


class FidelityItemError(ValueError):
    """An item rating is missing, of the wrong type or outside the scale's range.

    ``item`` is the 1-based item number (as on the printed scale), ``key`` the item's key in the
    data file (``None`` for a surplus item) and ``reason`` a short explanation.
    """

    def __init__(self, item: int, key: str | None, reason: str) -> None:
        self.item = item
        self.key = key
        self.reason = reason
        name = f"item {item}" + (f" ({key})" if key else "")
        super().__init__(f"{name}: {reason}")


@dataclass(frozen=True)
class FidelityItem:
    """One item of the scale; ``anchors`` maps a rating 1-5 to its fi/sv/en text."""

    number: int
    key: str
    section: str
    name: str
    label: Mapping[str, str]
    anchors: Mapping[int, Mapping[str, str]]


@dataclass(frozen=True)
class FidelityBand:
    """A total-score band, inclusive at both ends."""

    code: str
    minimum: int
    maximum: int
    label: Mapping[str, str]
    source: str

    def contains(self, total: int) -> bool:
        return self.minimum <= total <= self.maximum


@dataclass(frozen=True)
class FidelityScale:
    """The whole scale as loaded from its data file."""

    id: str
    version: str
    name: Mapping[str, str]
    source: Mapping[str, str]
    item_min: int
    item_max: int
    sections: tuple[tuple[str, Mapping[str, str]], ...]
    items: tuple[FidelityItem, ...]
    bands: tuple[FidelityBand, ...]

    @property
    def total_min(self) -> int:
        return self.item_min * len(self.items)

    @property
    def total_max(self) -> int:
        return self.item_max * len(self.items)


@dataclass(frozen=True)
class FidelityResult:
    """Total score, its band code and the subtotal of each section."""

    total: int
    band: str
    section_totals: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class FidelityReview:
    """A dated, scored review of one IPS service (a plain record for history reports)."""

    service_id: str
    review_date: date
    items: Sequence[int]


@dataclass(frozen=True)
class FidelityPoint:
    """One point of a service's fidelity history."""

    service_id: str
    review_date: date
    total: int
    band: str


def _labels(raw: Any, where: str) -> dict[str, str]:
    if not isinstance(raw, Mapping) or set(raw) != set(LANGUAGES):
        raise ValueError(f"{where}: needs exactly the languages {', '.join(LANGUAGES)}")
    return {lang: str(raw[lang]) for lang in LANGUAGES}


def parse_fidelity_scale(data: Mapping[str, Any]) -> FidelityScale:
    """Build a :class:`FidelityScale` from the parsed YAML, checking its consistency."""
    item_min = int(data["item_min"])
    item_max = int(data["item_max"])
    sections = tuple((str(s["key"]), _labels(s["label"], f"section {s['key']}")) for s in data["sections"])
    section_keys = {key for key, _ in sections}
    items: list[FidelityItem] = []
    for number, raw in enumerate(data["items"], start=1):
        key = str(raw["key"])
        if raw["section"] not in section_keys:
            raise ValueError(f"item {number} ({key}): unknown section {raw['section']!r}")
        anchors = {
            int(level): _labels(text, f"item {number} anchor {level}")
            for level, text in raw["anchors"].items()
        }
        if sorted(anchors) != list(range(item_min, item_max + 1)):
            raise ValueError(f"item {number} ({key}): needs one anchor for each rating {item_min}-{item_max}")
        items.append(
            FidelityItem(
                number=number,
                key=key,
                section=str(raw["section"]),
                name=str(raw["name"]),
                label=_labels(raw["label"], f"item {number} label"),
                anchors=anchors,
            )
        )
    bands = tuple(
        FidelityBand(
            code=str(b["code"]),
            minimum=int(b["min"]),
            maximum=int(b["max"]),
            label=_labels(b["label"], f"band {b['code']}"),
            source=str(b["source"]),
        )
        for b in data["bands"]
    )
    scale = FidelityScale(
        id=str(data["id"]),
        version=str(data["version"]),
        name=_labels(data["name"], "scale name"),
        source={str(k): str(v) for k, v in data["source"].items()},
        item_min=item_min,
        item_max=item_max,
        sections=sections,
        items=tuple(items),
        bands=bands,
    )
    # The bands must cover every possible total exactly once.
    for total in range(scale.total_min, scale.total_max + 1):
        matching = [b.code for b in bands if b.contains(total)]
        if len(matching) != 1:
            raise ValueError(f"bands: total {total} falls in {len(matching)} bands ({matching})")
    return scale


@lru_cache(maxsize=4)
def load_fidelity_scale(path: Path = DEFAULT_SCALE_PATH) -> FidelityScale:
    """Load (and cache) the fidelity scale from its YAML data file."""
    with path.open(encoding="utf-8") as fh:
        return parse_fidelity_scale(yaml.safe_load(fh))


def band_for_total(total: int, scale: FidelityScale | None = None) -> str:
    """Band code (``exemplary``, ``good``, ``fair`` or ``not_ips``) for a total score."""
    scale = scale or load_fidelity_scale()
    for band in scale.bands:
        if band.contains(total):
            return band.code
    raise ValueError(f"total: {total} is outside {scale.total_min}-{scale.total_max}")


def validate_items(items: Sequence[Any], scale: FidelityScale | None = None) -> list[int]:
    """Check every rating; raise :class:`FidelityItemError` naming the first bad item."""
    scale = scale or load_fidelity_scale()
    if isinstance(items, str | bytes) or not isinstance(items, Sequence):
        raise TypeError("items: must be a list of integer ratings")
    expected = len(scale.items)
    ratings: list[int] = []
    for item in scale.items:
        index = item.number - 1
        if index >= len(items) or items[index] is None:
            raise FidelityItemError(item.number, item.key, "missing")
        value = items[index]
        if isinstance(value, bool) or not isinstance(value, int):
            raise FidelityItemError(item.number, item.key, f"must be an integer, got {value!r}")
        if not scale.item_min <= value <= scale.item_max:
            raise FidelityItemError(
                item.number, item.key, f"{value} is outside {scale.item_min}-{scale.item_max}"
            )
        ratings.append(value)
    if len(items) > expected:
        raise FidelityItemError(expected + 1, None, f"unexpected, the scale has {expected} items")
    return ratings


def score_fidelity(items: Sequence[int], scale: FidelityScale | None = None) -> FidelityResult:
    """Total, band and section subtotals of one review's 25 item ratings (in scale order)."""
    scale = scale or load_fidelity_scale()
    ratings = validate_items(items, scale)
    section_totals = {key: 0 for key, _ in scale.sections}
    for item, rating in zip(scale.items, ratings, strict=True):
        section_totals[item.section] += rating
    total = sum(ratings)
    return FidelityResult(total=total, band=band_for_total(total, scale), section_totals=section_totals)


def fidelity_history(
    reviews: Iterable[FidelityReview], scale: FidelityScale | None = None
) -> dict[str, list[FidelityPoint]]:
    """Each service's scored reviews in date order, keyed by service id."""
    scale = scale or load_fidelity_scale()
    history: dict[str, list[FidelityPoint]] = {}
    for review in reviews:
        result = score_fidelity(review.items, scale)
        history.setdefault(review.service_id, []).append(
            FidelityPoint(review.service_id, review.review_date, result.total, result.band)
        )
    for points in history.values():
        points.sort(key=lambda p: p.review_date)
    return dict(sorted(history.items()))
