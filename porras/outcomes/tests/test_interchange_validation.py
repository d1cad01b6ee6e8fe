"""Rows of the interchange format are checked column by column; errors name table, row, column."""

from __future__ import annotations

from porras.care.domain.interchange import (
    TABLES,
    RowError,
    arrow_schema,
    county_codes,
    parse_row,
    validate_dataset,
    validate_rows,
)

GOOD_EPISODE = {
    "episode_id": "1",
    "client_id": "c1",
    "county_code": "lappi",
    "unit_id": "u1",
    "birth_year": "1990",
    "sex": "female",
    "language": "sv",
    "referral_date": "2025-01-10",
    "assessment_date": "2025-01-20",
    "first_treatment_date": "",
    "end_date": "",
    "end_reason": "",
    "step": "2",
    "intervention": "IDY03",
    "problem": "",
}


def test_the_format_has_the_columns_of_the_contract():
    assert TABLES["episodes"].column_names == (
        "episode_id",
        "client_id",
        "county_code",
        "unit_id",
        "birth_year",
        "sex",
        "language",
        "referral_date",
        "assessment_date",
        "first_treatment_date",
        "end_date",
        "end_reason",
        "step",
        "intervention",
        "problem",
        "minor_children",
        "children_discussed_date",
        "family_referral_date",
    )
    assert TABLES["appointments"].column_names == ("appointment_id", "episode_id", "date", "kind", "status")
    assert TABLES["measurements"].column_names == (
        "measurement_id",
        "episode_id",
        "date",
        "instrument",
        "total",
        "items",
    )
    assert arrow_schema("measurements").field("items").type.value_type.bit_width == 16


def test_it_knows_the_22_county_codes():
    codes = county_codes()
    assert len(codes) == 22
    assert "helsinki" in codes and "lappi" in codes


def test_it_parses_a_good_csv_row_into_typed_values():
    values, errors = parse_row("episodes", 1, GOOD_EPISODE)
    assert errors == []
    assert values["episode_id"] == 1 and values["birth_year"] == 1990 and values["step"] == 2
    assert values["referral_date"].isoformat() == "2025-01-10"
    assert values["end_date"] is None


def test_it_reports_each_bad_cell_by_table_row_and_column():
    bad = dict(
        GOOD_EPISODE, episode_id="2", county_code="uusimaa", sex="f", referral_date="10.1.2025", step="7"
    )
    errors = validate_rows("episodes", [GOOD_EPISODE, bad])
    assert [(e.table, e.row, e.column) for e in errors] == [
        ("episodes", 2, "county_code"),
        ("episodes", 2, "sex"),
        ("episodes", 2, "referral_date"),
        ("episodes", 2, "step"),
    ]
    assert "ISO 8601" in errors[2].reason
    assert str(errors[3]) == "episodes, row 2, column step: must be at most 4, got 7"


def test_it_requires_an_end_reason_with_an_end_date_and_dates_in_order():
    row = dict(GOOD_EPISODE, end_date="2025-01-05", end_reason="")
    errors = validate_rows("episodes", [row])
    assert RowError("episodes", 1, "end_date", "is before referral_date 2025-01-10") in errors
    assert RowError("episodes", 1, "end_reason", "is required when end_date is set") in errors


def test_a_row_without_the_children_s_columns_is_valid_and_says_nothing_of_children():
    values, errors = parse_row("episodes", 1, GOOD_EPISODE)  # a file older than the columns
    assert errors == []
    assert (values["minor_children"], values["children_discussed_date"], values["family_referral_date"]) == (
        None, None, None)


def test_dates_about_children_need_a_client_with_minor_children_and_follow_the_referral():
    ok = dict(GOOD_EPISODE, minor_children="yes", children_discussed_date="2025-01-15",
              family_referral_date="2025-02-01")
    assert validate_rows("episodes", [ok]) == []
    no_children = dict(ok, episode_id="1", minor_children="no")
    unknown = dict(ok, episode_id="2", minor_children="")
    early = dict(ok, episode_id="3", children_discussed_date="2025-01-01")
    errors = validate_rows("episodes", [no_children, unknown, early, dict(ok, episode_id="4", minor_children="some")])
    assert [(e.row, e.column, e.reason) for e in errors] == [
        (1, "children_discussed_date", "is given only when minor_children is yes"),
        (1, "family_referral_date", "is given only when minor_children is yes"),
        (2, "children_discussed_date", "is given only when minor_children is yes"),
        (2, "family_referral_date", "is given only when minor_children is yes"),
        (3, "children_discussed_date", "is before referral_date 2025-01-10"),
        (4, "minor_children", "must be one of yes, no, unknown; got 'some'"),
    ]


def test_it_reports_duplicate_ids_and_unknown_columns():
    errors = validate_rows(
        "appointments",
        [
            {
                "appointment_id": 1,
                "episode_id": 1,
                "date": "2025-01-01",
                "kind": "treatment",
                "status": "attended",
            },
            {
                "appointment_id": 1,
                "episode_id": 1,
                "date": "2025-01-02",
                "kind": "visit",
                "status": "attended",
                "room": "A",
            },
        ],
    )
    assert [(e.row, e.column, e.reason) for e in errors] == [
        (2, "kind", "must be one of assessment, treatment; got 'visit'"),
        (2, "room", "is not a column of appointments"),
        (2, "appointment_id", "duplicates row 1"),
    ]


def test_it_reports_measurements_of_unknown_episodes_and_bad_items():
    errors = validate_dataset(
        {
            "episodes": [GOOD_EPISODE],
            "appointments": [],
            "measurements": [
                {
                    "measurement_id": 1,
                    "episode_id": 2,
                    "date": "2025-01-20",
                    "instrument": "phq9",
                    "total": 12,
                },
                {
                    "measurement_id": 2,
                    "episode_id": 1,
                    "date": "2025-01-20",
                    "instrument": "phq9",
                    "total": 3,
                    "items": "[1,x]",
                },
                {
                    "measurement_id": 3,
                    "episode_id": 1,
                    "date": "2025-02-30",
                    "instrument": "PHQ-9",
                    "total": -1,
                },
            ],
        }
    )
    assert [(e.table, e.row, e.column) for e in errors] == [
        ("measurements", 1, "episode_id"),
        ("measurements", 2, "items"),
        ("measurements", 3, "date"),
        ("measurements", 3, "instrument"),
        ("measurements", 3, "total"),
    ]
    assert errors[0].reason == "refers to no episode (2)"
    assert errors[2].reason == "is not a valid calendar date: '2025-02-30'"
