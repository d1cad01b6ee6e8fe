from __future__ import annotations

from datetime import date

from porras.ips.domain import FidelityReview, fidelity_history
from porras.ips.tests.helpers import items_for_total


def test_it_orders_each_services_reviews_by_date() -> None:
    reviews = [
        FidelityReview("tampere-ips", date(2022, 6, 1), items_for_total(101)),
        FidelityReview("oulu-ips", date(2021, 9, 1), items_for_total(70)),
        FidelityReview("tampere-ips", date(2021, 5, 1), items_for_total(80)),
    ]
    history = fidelity_history(reviews)
    assert list(history) == ["oulu-ips", "tampere-ips"]
    assert [(p.review_date, p.total, p.band) for p in history["tampere-ips"]] == [
        (date(2021, 5, 1), 80, "fair"),
        (date(2022, 6, 1), 101, "good"),
    ]
    assert [(p.total, p.band) for p in history["oulu-ips"]] == [(70, "not_ips")]


def test_an_empty_history_is_empty() -> None:
    assert fidelity_history([]) == {}
