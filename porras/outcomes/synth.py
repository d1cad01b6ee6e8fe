"""Deterministic synthetic national data in the interchange format (vectorised, no per-row loop).

``synth(episodes, seed, out_dir)`` writes ``episodes.parquet``, ``appointments.parquet``,
``measurements.parquet`` and ``programme_assignments.parquet`` (or, with ``partition_by_county``, one
Parquet file per county in ``episodes/``, ``appointments/``, ``measurements/``,
``programme_assignments/``). The same ``episodes`` and ``seed`` give the
same bytes of data on every machine.

The data are invented and only meant to look plausible: all 22 counties (weighted roughly by
population), clients with several episodes, ages 6-95, four steps with their interventions,
waits that differ by county, drop-out, improvement, deterioration and mixed change, missing
measures (also whole-episode missing GAD-7), duplicated same-day measures, did-not-attend and
cancelled appointments, and episodes still open at the cut-off date. None of the proportions
below is a clinical figure; they only shape the synthetic data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from porras.care.domain.interchange import arrow_schema, county_codes
from porras.outcomes.domain.definitions import GAD7, PHQ9

EPOCH = dt.date(1970, 1, 1)

DemoUnit = tuple[str, str, float]
"""A unit the synthetic episodes may be placed in: (unit code, county code, relative size)."""

# Rough relative sizes of the counties (thousands of residents, rounded) - only to make the
# synthetic national data look plausible; never used by any report.
_COUNTY_WEIGHT = {
    "helsinki": 675,
    "ita-uusimaa": 100,
    "keski-uusimaa": 205,
    "lansi-uusimaa": 480,
    "vantaa-kerava": 280,
    "varsinais-suomi": 485,
    "satakunta": 212,
    "kanta-hame": 170,
    "pirkanmaa": 530,
    "paijat-hame": 205,
    "kymenlaakso": 162,
    "etela-karjala": 126,
    "etela-savo": 131,
    "pohjois-savo": 248,
    "pohjois-karjala": 163,
    "keski-suomi": 275,
    "etela-pohjanmaa": 192,
    "pohjanmaa": 176,
    "keski-pohjanmaa": 78,
    "pohjois-pohjanmaa": 415,
    "kainuu": 71,
    "lappi": 177,
}
_SWEDISH_HEAVY = ("pohjanmaa", "ita-uusimaa", "lansi-uusimaa", "varsinais-suomi", "keski-pohjanmaa")
_UNITS_PER_COUNTY = 8
_LANGUAGES = ("fi", "sv", "en", "ru", "et", "ar", "so", "fa")
_LANGUAGE_P = (0.86, 0.05, 0.03, 0.02, 0.01, 0.015, 0.01, 0.005)
_SEXES = ("female", "male", "other", "unknown")
_SEX_P = (0.60, 0.37, 0.01, 0.02)
_AGE_BINS = ((6, 12), (13, 17), (18, 22), (23, 29), (30, 64), (65, 95))
_AGE_P = (0.05, 0.12, 0.15, 0.18, 0.43, 0.07)
_PROBLEMS = ("depression", "anxiety", "mixed_anxiety_depression", "other")
_PROBLEM_P = (0.40, 0.35, 0.20, 0.05)
_STEPS = (1, 2, 3, 4)
_STEP_P = (0.35, 0.40, 0.18, 0.07)
# interventions per step; IHZ19, IDY03 and IDR17 are the procedure codes of the method cards
_INTERVENTIONS = (
    "IHZ19",
    "internet_therapy",
    "IDY03",
    "IDR17",
    "ipc_n",
    "short_psychotherapy",
    "psychiatric_assessment",
)
_SESSION_BASE = {1: (2, 1.0), 2: (3, 2.0), 3: (4, 3.0), 4: (1, 1.0)}


def _choice(rng: np.random.Generator, n: int, p: tuple[float, ...]) -> np.ndarray:
    probs = np.asarray(p, dtype=float)
    return rng.choice(len(probs), size=n, p=probs / probs.sum()).astype(np.int32)


def _strings(
    indices: np.ndarray, values: tuple[str, ...] | list[str], mask: np.ndarray | None = None
) -> pa.Array:
    arr = pa.DictionaryArray.from_arrays(
        pa.array(indices.astype(np.int32), mask=mask), pa.array(list(values), pa.string())
    )
    return arr.dictionary_decode()


def _dates(days: np.ndarray, mask: np.ndarray | None = None) -> pa.Array:
    return pa.array(days.astype(np.int32), type=pa.date32(), mask=mask)


def _group_positions(counts: np.ndarray) -> np.ndarray:
    """0, 1, ..., c-1 for each group count c, concatenated."""
    total = int(counts.sum())
    starts = np.repeat(np.cumsum(counts) - counts, counts)
    return np.arange(total, dtype=np.int64) - starts


# The children of clients: a plausible share of clients with children under 18 by age at referral
# (invented for the synthetic data only, like every number here), asked of most clients, and of those
# with children about half discussed with (Let's Talk about Children or another discussion) and a few
# referred to family services. A stream of its own, so that the other columns stay as they were.
_CHILDREN_P_BY_AGE = ((20, 0.0), (25, 0.12), (30, 0.3), (45, 0.55), (55, 0.3), (200, 0.05))
_CHILDREN_ASKED_P = 0.85
_CHILDREN_DISCUSSED_P = 0.5
_FAMILY_REFERRAL_P = 0.12


def _children_columns(
    rng: np.random.Generator, age: np.ndarray, referral: np.ndarray, assessed: np.ndarray, last_day: np.ndarray
) -> dict[str, pa.Array]:
    """``minor_children``, ``children_discussed_date`` and ``family_referral_date`` (interchange)."""
    n = age.size
    p = np.select([age < bound for bound, _ in _CHILDREN_P_BY_AGE], [q for _, q in _CHILDREN_P_BY_AGE], 0.0)
    has = rng.random(n) < p
    asked = rng.random(n) < _CHILDREN_ASKED_P
    minor = np.where(asked, np.where(has, 0, 1), 2)  # index into ("yes", "no", "unknown")
    yes = asked & has
    discussed = yes & (rng.random(n) < _CHILDREN_DISCUSSED_P)
    referred = yes & (rng.random(n) < _FAMILY_REFERRAL_P)
    span = np.maximum(last_day - assessed, 0) + 1
    discussed_day = np.maximum(np.minimum(assessed + rng.integers(0, 21, size=n) % span, last_day), referral)
    referred_day = np.maximum(np.minimum(assessed + rng.integers(0, 45, size=n) % span, last_day), referral)
    return {
        "minor_children": _strings(minor, ("yes", "no", "unknown")),
        "children_discussed_date": _dates(discussed_day, mask=~discussed),
        "family_referral_date": _dates(referred_day, mask=~referred),
    }


def synth_tables(
    episodes: int,
    seed: int,
    *,
    start: dt.date = dt.date(2023, 1, 1),
    cutoff: dt.date = dt.date(2025, 12, 31),
    units: Sequence[DemoUnit] | None = None,
) -> dict[str, pa.Table]:
    """The three interchange tables as Arrow tables (deterministic for ``episodes``, ``seed`` and the
    other arguments).

    Without ``units`` the episodes spread over all counties and eight invented units in each. With
    ``units`` (code, county code, relative size) they spread over those units only, each client
    staying in one unit, and the units differ in their waits and - a little - in how much their
    clients improve (so that a funnel plot of them has something to show)."""
    if isinstance(episodes, bool) or not isinstance(episodes, int) or episodes < 0:
        raise ValueError(f"episodes: must be a non-negative integer, got {episodes!r}")
    if not isinstance(seed, int) or seed < 0:
        raise ValueError(f"seed: must be a non-negative integer, got {seed!r}")
    if cutoff <= start:
        raise ValueError("cutoff: must be after start")
    rng = np.random.default_rng(seed)
    n = episodes
    codes = list(county_codes())
    weights = np.array([_COUNTY_WEIGHT.get(c, 100) for c in codes], dtype=float)
    start_day = (start - EPOCH).days
    cutoff_day = (cutoff - EPOCH).days

    # --- clients (several episodes for some) ---
    n_clients = max(1, int(n * 0.85))
    if units:
        unit_weights = np.array([u[2] for u in units], dtype=float)
        c_unit = rng.choice(len(units), size=n_clients, p=unit_weights / unit_weights.sum()).astype(np.int32)
        c_county = np.array([codes.index(u[1]) for u in units], dtype=np.int32)[c_unit]
    else:
        c_county = rng.choice(len(codes), size=n_clients, p=weights / weights.sum()).astype(np.int32)
    age_bin = _choice(rng, n_clients, _AGE_P)
    lo = np.array([b[0] for b in _AGE_BINS])[age_bin]
    hi = np.array([b[1] for b in _AGE_BINS])[age_bin]
    c_age_2024 = rng.integers(lo, hi + 1)
    c_birth_year = (2024 - c_age_2024).astype(np.int16)
    c_sex = _choice(rng, n_clients, _SEX_P)
    c_lang = _choice(rng, n_clients, _LANGUAGE_P)
    sv_heavy = np.isin(c_county, [codes.index(c) for c in _SWEDISH_HEAVY if c in codes])
    c_lang = np.where(sv_heavy & (rng.random(n_clients) < 0.25), 1, c_lang).astype(np.int32)

    client = rng.integers(0, n_clients, size=n)
    county = c_county[client]
    # county-specific wait factors: access differs between counties
    wait_factor = np.random.default_rng(seed + 7919).uniform(0.6, 1.6, size=len(codes))[county]
    improvement_shift = np.zeros(n)
    if units:
        unit_of = c_unit[client]
        wait_factor = np.random.default_rng(seed + 7919).uniform(0.6, 1.6, size=len(units))[unit_of]
        improvement_shift = np.random.default_rng(seed + 104729).normal(0.0, 0.03, size=len(units))[unit_of]

    referral = rng.integers(start_day, cutoff_day + 1, size=n)
    step_idx = _choice(rng, n, _STEP_P)
    step = np.array(_STEPS, dtype=np.int8)[step_idx]
    age_at_ref = (1970 + referral // 365.25).astype(np.int32) - c_birth_year[client]
    iv = np.select(
        [step == 1, step == 2, step == 3],
        [
            rng.integers(0, 2, size=n),
            np.where((age_at_ref < 20) & (rng.random(n) < 0.5), 4, rng.integers(2, 4, size=n)),
            np.full(n, 5),
        ],
        6,
    ).astype(np.int32)

    # --- access ---
    assessed = rng.random(n) < 0.93
    d_assess = np.rint(rng.gamma(2.0, 7.0, size=n) * wait_factor).astype(np.int64)
    assessment = referral + d_assess
    treated = assessed & (rng.random(n) < 0.85)
    d_a2t = np.rint(rng.gamma(2.0, 12.0, size=n) * wait_factor).astype(np.int64)
    first_tx = assessment + d_a2t

    # --- treatment appointments ---
    base = np.array([_SESSION_BASE[s][0] for s in _STEPS])[step_idx]
    lam = np.array([_SESSION_BASE[s][1] for s in _STEPS])[step_idx]
    planned = base + rng.poisson(lam)
    dropout = treated & (rng.random(n) < 0.22)
    sessions = np.where(dropout, np.maximum(1, np.ceil(planned * rng.uniform(0.1, 0.6, size=n))), planned)
    sessions = np.where(treated, sessions, 0).astype(np.int64)

    tx_ep = np.repeat(np.arange(n), sessions)
    tx_pos = _group_positions(sessions)
    gaps = rng.integers(5, 16, size=tx_ep.size)
    gaps[tx_pos == 0] = 0
    cs = np.cumsum(gaps)
    with_tx = sessions > 0
    group_start = (np.cumsum(sessions) - sessions)[with_tx]
    tx_date = first_tx[tx_ep] + cs - np.repeat(cs[group_start], sessions[with_tx])
    status = _choice(rng, tx_ep.size, (0.85, 0.09, 0.06))
    status[tx_pos == 0] = 0  # the first treatment appointment is the one attended

    last_tx = np.full(n, -1, dtype=np.int64)
    if tx_ep.size:
        last_tx[sessions > 0] = tx_date[np.cumsum(sessions)[sessions > 0] - 1]

    # --- end of the episode ---
    end_reason = np.full(n, 0, dtype=np.int32)  # index into END_REASONS below
    reasons = ("completed", "dropped_out", "referred_on", "declined", "other")
    u = rng.random(n)
    end_reason = np.where(treated & ~dropout, np.where(u < 0.88, 0, np.where(u < 0.97, 2, 4)), end_reason)
    end_reason = np.where(dropout, 1, end_reason)
    end_reason = np.where(assessed & ~treated, np.where(u < 0.5, 3, 2), end_reason)
    end_reason = np.where(~assessed, np.where(u < 0.6, 1, 3), end_reason)
    end_day = np.where(
        treated,
        last_tx + rng.integers(0, 15, size=n),
        np.where(assessed, assessment + rng.integers(0, 30, size=n), referral + rng.integers(7, 60, size=n)),
    )

    # --- the cut-off: later events have not happened yet ---
    has_assessment = assessed & (assessment <= cutoff_day)
    has_tx = treated & (first_tx <= cutoff_day)
    ended = end_day <= cutoff_day
    keep_tx = tx_date <= cutoff_day

    # --- assessment appointments (a few with an earlier did-not-attend) ---
    dna_first = has_assessment & (rng.random(n) < 0.05) & (d_assess >= 3)
    a_ep = np.concatenate([np.flatnonzero(dna_first), np.flatnonzero(has_assessment)])
    a_date = np.concatenate(
        [assessment[dna_first] - rng.integers(1, 3, size=int(dna_first.sum())), assessment[has_assessment]]
    )
    a_status = np.concatenate([np.full(int(dna_first.sum()), 1), np.zeros(int(has_assessment.sum()))])

    appt_ep = np.concatenate([a_ep, tx_ep[keep_tx]])
    appt_date = np.concatenate([a_date, tx_date[keep_tx]])
    appt_kind = np.concatenate([np.zeros(a_ep.size), np.ones(int(keep_tx.sum()))]).astype(np.int32)
    appt_status = np.concatenate([a_status, status[keep_tx]]).astype(np.int32)
    order = np.lexsort((appt_kind, appt_date, appt_ep))
    appt_ep, appt_date, appt_kind, appt_status = (
        x[order] for x in (appt_ep, appt_date, appt_kind, appt_status)
    )

    # --- measurements: at the attended assessment and attended treatment sessions ---
    occ_mask = appt_status == 0
    occ_ep = appt_ep[occ_mask]
    occ_date = appt_date[occ_mask]
    occ_count = np.bincount(occ_ep, minlength=n)
    occ_pos = _group_positions(occ_count)
    occ_total = np.repeat(np.maximum(occ_count - 1, 1), occ_count)
    progress = occ_pos / occ_total

    z1 = rng.standard_normal(n)
    z2 = 0.6 * z1 + 0.8 * rng.standard_normal(n)
    phq0 = np.clip(13.5 + 5.5 * z1, 0, 27)
    gad0 = np.clip(11.5 + 4.5 * z2, 0, 21)
    f_phq = np.clip(
        np.where(dropout, rng.normal(0.15, 0.35, n), rng.normal(0.5, 0.35, n)) + improvement_shift, -0.8, 1.0
    )
    f_gad = np.clip(f_phq + rng.normal(0.0, 0.25, n), -0.8, 1.0)
    change_phq = np.where(f_phq >= 0, -f_phq * phq0, -f_phq * (27 - phq0) * 0.6)
    change_gad = np.where(f_gad >= 0, -f_gad * gad0, -f_gad * (21 - gad0) * 0.6)
    no_gad_episode = rng.random(n) < 0.05  # e.g. a disorder-specific anxiety measure was used instead

    instr = np.tile(np.array([0, 1], dtype=np.int32), occ_ep.size)
    m_ep = np.repeat(occ_ep, 2)
    m_date = np.repeat(occ_date, 2)
    m_prog = np.repeat(progress, 2)
    present = rng.random(m_ep.size) < 0.76
    present &= ~((instr == 1) & no_gad_episode[m_ep])
    m_ep, m_date, m_prog, instr = m_ep[present], m_date[present], m_prog[present], instr[present]
    base_score = np.where(instr == 0, phq0[m_ep], gad0[m_ep])
    change = np.where(instr == 0, change_phq[m_ep], change_gad[m_ep])
    maximum = np.where(instr == 0, 27, 21)
    total = np.clip(np.rint(base_score + change * m_prog + rng.normal(0, 1.8, m_ep.size)), 0, maximum)
    # same-day repeats: about 1 % of measurements are entered twice on the same day
    copies = np.where(rng.random(m_ep.size) < 0.01, 2, 1)
    m_ep, m_date, instr, total = (np.repeat(x, copies) for x in (m_ep, m_date, instr, total))
    second = _group_positions(copies) == 1
    total = np.where(
        second, np.clip(total + rng.integers(-2, 3, size=total.size), 0, np.repeat(maximum, copies)), total
    )

    # --- assemble ---
    episode_ids = np.arange(1, n + 1, dtype=np.int64)
    client_ids = pc.binary_join_element_wise(
        "c", pc.cast(pa.array(client.astype(np.int64) + 1), pa.string()), ""
    )
    if units:
        unit_idx = unit_of
        unit_names = [u[0] for u in units]
    else:
        unit_idx = county * _UNITS_PER_COUNTY + rng.integers(0, _UNITS_PER_COUNTY, size=n)
        unit_names = [f"{c}-{k + 1:02d}" for c in codes for k in range(_UNITS_PER_COUNTY)]

    columns: dict[str, Any] = {
        "episode_id": pa.array(episode_ids),
        "client_id": client_ids,
        "county_code": _strings(county, codes),
        "unit_id": _strings(unit_idx, unit_names),
        "birth_year": pa.array(c_birth_year[client]),
        "sex": _strings(c_sex[client], _SEXES),
        "language": _strings(c_lang[client], _LANGUAGES),
        "referral_date": _dates(referral),
        "assessment_date": _dates(assessment, mask=~has_assessment),
        "first_treatment_date": _dates(first_tx, mask=~has_tx),
        "end_date": _dates(end_day, mask=~ended),
        "end_reason": _strings(end_reason, reasons, mask=~ended),
        "step": pa.array(step),
        "intervention": _strings(iv, _INTERVENTIONS),
        "problem": _strings(_choice(rng, n, _PROBLEM_P), _PROBLEMS),
    }
    columns.update(_children_columns(np.random.default_rng(seed + 1299709), age_at_ref, referral,
                                     np.where(has_assessment, assessment, referral), np.where(ended, end_day, cutoff_day)))
    episodes_table = pa.Table.from_pydict(columns, schema=arrow_schema("episodes"))
    appointments_table = pa.Table.from_pydict(
        {
            "appointment_id": pa.array(np.arange(1, appt_ep.size + 1, dtype=np.int64)),
            "episode_id": pa.array(appt_ep.astype(np.int64) + 1),
            "date": _dates(appt_date),
            "kind": _strings(appt_kind, ("assessment", "treatment")),
            "status": _strings(appt_status, ("attended", "did_not_attend", "cancelled")),
        },
        schema=arrow_schema("appointments"),
    )
    measurements_table = pa.Table.from_pydict(
        {
            "measurement_id": pa.array(np.arange(1, m_ep.size + 1, dtype=np.int64)),
            "episode_id": pa.array(m_ep.astype(np.int64) + 1),
            "date": _dates(m_date),
            "instrument": _strings(instr, (PHQ9, GAD7)),
            "total": pa.array(total.astype(np.int32)),
            "items": pa.nulls(m_ep.size, pa.list_(pa.int16())),
        },
        schema=arrow_schema("measurements"),
    )
    return {
        "episodes": episodes_table,
        "appointments": appointments_table,
        "measurements": measurements_table,
        "programme_assignments": _programme_assignments(seed, iv, first_tx, end_day, ended, has_tx,
                                                        cutoff_day),
    }


# Programmes of the synthetic assignments: (id, modules) - the project's demo programmes
# (porras/selfcare/data/programmes/); the share of each is invented, not an observation.
_PROGRAMMES = (("low-mood", 6), ("worry", 5), ("panic", 6), ("sleep", 5))
_PROGRAMME_P = (0.40, 0.30, 0.15, 0.15)


def _programme_assignments(seed: int, iv: np.ndarray, first_tx: np.ndarray, end_day: np.ndarray,
                           ended: np.ndarray, has_tx: np.ndarray, cutoff_day: int) -> pa.Table:
    """Step-1 episodes that entered treatment get a programme: most of the internet-therapy
    episodes, fewer of the guided self-care ones, and one in ten of them a second programme after
    the first. A programme starts at the first treatment and ends with its episode; about half of
    the ended ones have every module completed. Own random stream: the other tables do not change."""
    rng = np.random.default_rng(seed + 15485863)
    n = iv.size
    share = np.select([iv == 1, iv == 0], [0.9, 0.4], 0.0)
    first = np.flatnonzero(has_tx & (rng.random(n) < share))
    second = first[rng.random(first.size) < 0.1]
    rows = np.concatenate([first, second])
    nth = np.concatenate([np.zeros(first.size, np.int64), np.ones(second.size, np.int64)])
    order = np.lexsort((nth, rows))
    rows, nth = rows[order], nth[order]
    k = rows.size
    programme = _choice(rng, k, _PROGRAMME_P)
    totals = np.array([m for _, m in _PROGRAMMES], dtype=np.int64)[programme]
    start = np.minimum(first_tx[rows] + nth * rng.integers(14, 43, size=k), cutoff_day)
    stop = end_day[rows]
    done = ended[rows] & (stop >= start)
    start = np.where(ended[rows] & (stop < start), stop, start)
    completed = np.where(done & (rng.random(k) < 0.5), totals, rng.integers(0, totals))
    return pa.Table.from_pydict(
        {
            "assignment_id": pa.array(np.arange(1, k + 1, dtype=np.int64)),
            "episode_id": pa.array(rows.astype(np.int64) + 1),
            "programme": _strings(programme, tuple(p for p, _ in _PROGRAMMES)),
            "start_date": _dates(start),
            "end_date": _dates(stop, mask=~ended[rows]),
            "modules_completed": pa.array(completed.astype(np.int16)),
            "modules_total": pa.array(totals.astype(np.int16)),
        },
        schema=arrow_schema("programme_assignments"),
    )


def synth(
    episodes: int,
    seed: int,
    out_dir: str | Path,
    *,
    partition_by_county: bool = False,
    row_group_size: int = 262_144,
) -> dict[str, int]:
    """Write a synthetic data set to ``out_dir``; returns the number of rows per table."""
    tables = synth_tables(episodes, seed)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if not partition_by_county:
        for name, table in tables.items():
            pq.write_table(table, out / f"{name}.parquet", row_group_size=row_group_size)
        return {name: t.num_rows for name, t in tables.items()}
    ep = tables["episodes"]
    ep_ids = ep.column("episode_id").to_numpy()
    ep_county = ep.column("county_code")
    # county of each episode, by episode_id (ids are 1..n)
    county_idx = pc.index_in(ep_county, pa.array(list(county_codes()))).to_numpy(zero_copy_only=False)
    by_id = np.zeros(ep_ids.max(initial=0) + 1, dtype=np.int64)
    by_id[ep_ids] = county_idx
    for name, table in tables.items():
        folder = out / name
        folder.mkdir(parents=True, exist_ok=True)
        row_county = by_id[table.column("episode_id").to_numpy()]
        for i, code in enumerate(county_codes()):
            part = table.filter(pa.array(row_county == i))
            if part.num_rows:
                pq.write_table(part, folder / f"{code}.parquet", row_group_size=row_group_size)
    return {name: t.num_rows for name, t in tables.items()}
