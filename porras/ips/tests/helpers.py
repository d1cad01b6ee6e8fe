from __future__ import annotations


def items_for_total(total: int) -> list[int]:
    """25 ratings (1-5) adding up to ``total``: ones, raised from the first item onwards."""
    assert 25 <= total <= 125
    items = [1] * 25
    extra = total - 25
    for index in range(25):
        step = min(4, extra)
        items[index] += step
        extra -= step
    return items
