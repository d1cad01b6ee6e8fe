"""A plain pandas implementation of the outcome report, written independently of the SQL engine.

It serves two purposes: the benchmark compares the engine with it (docs/product.md section 5 asks the
engine to be at least 5x faster than "a plain pandas implementation of the same definitions"), and
the tests use it as a cross-check of the SQL on synthetic data. It computes everything itself -
finished, paired, first/last scores, flags, rates, period labels and the small-count rule of an
exact report (what ``porras report`` prints: groups below the minimum left out, counts below it
withheld with their rates) - from the rules in :mod:`porras.outcomes.domain.definitions`. Tests
and benchmarks only: Porras itself does not depend on pandas.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from porras.lib.disclosure import Policy
from porras.outcomes.domain.definitions import DEFAULT_DEFINITIONS, GAD7, PHQ9, Definitions, GroupKey
from porras.outcomes.domain.engine import OUTCOME_COLUMNS, Report

# Each rate with its numerator and the counts its denominator is made of.
_RATES = {
    "recovery_rate": ("recovered", ("finished", "not_at_caseness")),
    "reliable_improvement_rate": ("reliably_improved", ("finished",)),
    "reliable_deterioration_rate": ("reliably_deteriorated", ("finished",)),
    "reliable_recovery_rate": ("reliably_recovered", ("finished", "not_at_caseness")),
    "programme_completion_rate": ("programme_completed", ("programme_ended",)),
}

_DATE_COLUMNS = {
    "episodes": ("referral_date", "assessment_date", "first_treatment_date", "end_date"),
    "appointments": ("date",),
    "measurements": ("date",),
}


def load_folder(folder: str | Path) -> dict[str, pd.DataFrame]:
    """Read ``episodes``, ``appointments`` and ``measurements`` from ``<table>.parquet`` or a folder
    of Parquet files, with dates as ``datetime64``."""
    root = Path(folder)
    frames = {}
    for table, date_columns in _DATE_COLUMNS.items():
        path = root / f"{table}.parquet"
        if not path.exists():
            path = root / table
        columns = (
            None
            if table != "measurements"
            else ["measurement_id", "episode_id", "date", "instrument", "total"]
        )
        df = pd.read_parquet(path, columns=columns)
        for c in date_columns:
            df[c] = pd.to_datetime(df[c])
        frames[table] = df
    for table in ("programme_assignments",):  # optional: absent when no episode had a programme
        path = root / f"{table}.parquet"
        if not path.exists():
            path = root / table
        if path.exists():
            df = pd.read_parquet(path)
            for c in ("start_date", "end_date"):
                df[c] = pd.to_datetime(df[c])
            frames[table] = df
    return frames


def _group_frame(ep: pd.DataFrame, keys: Sequence[str], definitions: Definitions) -> pd.DataFrame:
    out = pd.DataFrame(index=ep.index)
    period = ep["end_date"]
    for key in keys:
        if key == "county":
            out[key] = ep["county_code"]
        elif key == "unit":
            out[key] = ep["unit_id"]
        elif key in ("intervention", "step", "sex", "language", "programme"):
            out[key] = ep[key]
        elif key == "age_group":
            age = ep["referral_date"].dt.year - ep["birth_year"]
            bounds = list(definitions.age_group_bounds) + [np.inf]
            out[key] = pd.cut(age, bins=bounds, right=False, labels=definitions.age_group_labels()).astype(
                object
            )
        elif key == "month":
            out[key] = period.dt.strftime("%Y-%m")
        elif key == "quarter":
            out[key] = period.dt.year.astype(str) + "Q" + period.dt.quarter.astype(str)
        elif key == "year":
            out[key] = period.dt.year
    return out


def _clean(key: str, value: Any) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    if key in ("step", "year"):
        return int(value)
    return str(value)


def pandas_outcomes(
    episodes: pd.DataFrame,
    appointments: pd.DataFrame,
    measurements: pd.DataFrame,
    group_by: Sequence[GroupKey] = (),
    definitions: Definitions = DEFAULT_DEFINITIONS,
    minimum: int = 5,
    *,
    programme_assignments: pd.DataFrame | None = None,
) -> Report:
    """The exact outcome report computed with pandas (dates must be ``datetime64`` columns)."""
    d = definitions
    keys = tuple(group_by)

    # each episode's first programme (earliest start, then lowest assignment id), if any
    if programme_assignments is not None and len(programme_assignments):
        first = programme_assignments.sort_values(["episode_id", "start_date", "assignment_id"])
        first = first.drop_duplicates("episode_id", keep="first").set_index("episode_id")
        episodes = episodes.assign(
            programme=episodes["episode_id"].map(first["programme"]),
            programme_ended=episodes["episode_id"].map(first["end_date"].notna()).fillna(False).astype(bool),
            programme_all_done=episodes["episode_id"].map(
                first["modules_completed"] >= first["modules_total"]).fillna(False).astype(bool),
        )
    else:
        episodes = episodes.assign(programme=None, programme_ended=False, programme_all_done=False)

    attended = appointments[(appointments["kind"] == "treatment") & (appointments["status"] == "attended")]
    sessions = attended.groupby("episode_id").size()
    finished_ids = sessions.index[sessions >= d.min_treatment_appointments]
    ep = episodes[episodes["end_date"].notna() & episodes["episode_id"].isin(finished_ids)]

    m = measurements[measurements["instrument"].isin([PHQ9, GAD7])]
    m = m.sort_values(["episode_id", "instrument", "date", "measurement_id"])
    by = m.groupby(["episode_id", "instrument"], sort=False)["total"]
    scores = pd.DataFrame({"n": by.size(), "first": by.first(), "last": by.last()}).unstack("instrument")
    scores = scores.reindex(columns=pd.MultiIndex.from_product([["n", "first", "last"], [PHQ9, GAD7]]))
    paired = scores[(scores[("n", PHQ9)].fillna(0) >= 2) & (scores[("n", GAD7)].fillna(0) >= 2)]
    wide = pd.DataFrame(
        {
            "p_first": paired[("first", PHQ9)],
            "p_last": paired[("last", PHQ9)],
            "g_first": paired[("first", GAD7)],
            "g_last": paired[("last", GAD7)],
        }
    )
    pop = ep.merge(wide, left_on="episode_id", right_index=True, how="inner")

    not_case = (pop["p_first"] < d.phq9_caseness) & (pop["g_first"] < d.gad7_caseness)
    recovered = ~not_case & (pop["p_last"] < d.phq9_caseness) & (pop["g_last"] < d.gad7_caseness)
    p_fall = pop["p_first"] - pop["p_last"]
    g_fall = pop["g_first"] - pop["g_last"]
    improved = ((p_fall >= d.phq9_reliable_change) | (g_fall >= d.gad7_reliable_change)) & (
        (-p_fall < d.phq9_reliable_change) & (-g_fall < d.gad7_reliable_change)
    )
    deteriorated = ((-p_fall >= d.phq9_reliable_change) | (-g_fall >= d.gad7_reliable_change)) & (
        (p_fall < d.phq9_reliable_change) & (g_fall < d.gad7_reliable_change)
    )
    flags = pd.DataFrame(
        {
            "finished": 1,
            "not_at_caseness": not_case.astype(int),
            "recovered": recovered.astype(int),
            "reliably_improved": improved.astype(int),
            "reliably_deteriorated": deteriorated.astype(int),
            "reliably_recovered": (recovered & improved).astype(int),
            "programme_ended": pop["programme_ended"].astype(int),
            "programme_completed": (pop["programme_ended"] & pop["programme_all_done"]).astype(int),
        },
        index=pop.index,
    )
    if keys:
        groups = _group_frame(pop, keys, d)
        counts = flags.join(groups).groupby(list(keys), dropna=False, sort=False).sum().reset_index()
    else:
        counts = flags.sum().to_frame().T

    caseness = counts["finished"] - counts["not_at_caseness"]
    counts["recovery_rate"] = counts["recovered"] / caseness.where(caseness != 0)
    counts["reliable_recovery_rate"] = counts["reliably_recovered"] / caseness.where(caseness != 0)
    finished = counts["finished"].where(counts["finished"] != 0)
    counts["reliable_improvement_rate"] = counts["reliably_improved"] / finished
    counts["reliable_deterioration_rate"] = counts["reliably_deteriorated"] / finished
    ended = counts["programme_ended"].where(counts["programme_ended"] != 0)
    counts["programme_completion_rate"] = counts["programme_completed"] / ended
    counts = counts[counts["finished"] >= minimum]  # groups below the minimum are not listed

    rows: list[dict[str, Any]] = []
    for record in counts.to_dict("records"):
        group: dict[str, Any] = {str(k): _clean(k, record[k]) for k in keys}
        small = {c for c in OUTCOME_COLUMNS if not c.endswith("_rate") and c != "suppressed" and record[c] < minimum}
        for column in OUTCOME_COLUMNS:
            value = record.get(column)
            if column == "suppressed":
                continue
            if column.endswith("_rate"):
                numerator, parts = _RATES[column]
                denominator = record[parts[0]] - (record[parts[1]] if len(parts) > 1 else 0)
                hidden = numerator in small or parts[0] in small or 0 < denominator < minimum
                group[column] = None if hidden or pd.isna(value) else float(value)
            else:
                group[column] = None if column in small else int(value)
        group["suppressed"] = bool(small) or any(
            group[r] is None and not pd.isna(record[r]) for r in _RATES
        )
        rows.append(group)
    rows.sort(key=lambda g: tuple((g[k] is None, g[k] if g[k] is not None else 0) for k in keys))
    return Report("outcomes", keys, rows, d, Policy(minimum, 1))


def pandas_outcomes_from_folder(
    folder: str | Path,
    group_by: Sequence[GroupKey] = (),
    definitions: Definitions = DEFAULT_DEFINITIONS,
    minimum: int = 5,
) -> Report:
    frames = load_folder(folder)
    return pandas_outcomes(
        frames["episodes"], frames["appointments"], frames["measurements"], group_by, definitions, minimum,
        programme_assignments=frames.get("programme_assignments"),
    )
