from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from porras.ips.domain import ClientPath, Employment, Period, competitive_employment_rates
from porras.lib.disclosure import Policy

START = date(2024, 1, 1)
days = st.integers(0, 500).map(lambda n: START + timedelta(days=n))


@st.composite
def caseload(draw: st.DrawFn) -> tuple[list[ClientPath], list[Employment]]:
    n = draw(st.integers(0, 15))
    paths, jobs = [], []
    for i in range(n):
        agreed = draw(days)
        exit_after = draw(st.none() | st.integers(0, 300))
        exited = None if exit_after is None else agreed + timedelta(days=exit_after)
        paths.append(
            ClientPath(f"c{i}", draw(st.sampled_from(["s1", "s2"])), "spec", agreed, exit_date=exited)
        )
        if draw(st.booleans()):
            start = draw(days)
            jobs.append(Employment(f"c{i}", start, open_to_anyone=draw(st.booleans())))
    return paths, jobs


@given(caseload(), st.integers(1, 6), st.sampled_from([1, 3, 5]))
def test_rates_stay_between_zero_and_one_and_small_cells_are_hidden(
    data: tuple[list[ClientPath], list[Employment]], minimum: int, base: int
) -> None:
    paths, jobs = data
    policy = Policy(minimum, base)
    periods = [Period.quarter(2024, q) for q in (1, 2, 3, 4)] + [Period.year(2025)]
    for cell in competitive_employment_rates(paths, jobs, periods, policy):
        assert cell.clients is not None and cell.clients >= minimum  # smaller cells are not listed
        if cell.competitively_employed is None:
            assert cell.rate is None and cell.suppressed
        else:
            assert 0 <= cell.competitively_employed <= cell.clients
            assert cell.rate is not None and 0.0 <= cell.rate <= 1.0
