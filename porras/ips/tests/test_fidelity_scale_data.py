from __future__ import annotations

from porras.ips.domain import load_fidelity_scale

# Published item names of the IPS Supported Employment Fidelity Scale, typed in by hand.
PUBLISHED_NAMES = [
    "Caseload size",
    "Employment services staff",
    "Vocational generalists",
    "Integration of rehabilitation with mental health treatment through team assignment",
    "Integration of rehabilitation with mental health treatment through frequent team member contact",
    "Collaboration between employment specialists and Vocational Rehabilitation counselors",
    "Vocational unit",
    "Role of employment supervisor",
    "Zero exclusion criteria",
    "Agency focus on competitive employment",
    "Executive team support for SE",
    "Work incentives planning",
    "Disclosure",
    "Ongoing, work-based vocational assessment",
    "Rapid search for competitive job",
    "Individualized job search",
    "Job development - Frequent employer contact",
    "Job development - Quality of employer contact",
    "Diversity of job types",
    "Diversity of employers",
    "Competitive jobs",
    "Individualized follow-along supports",
    "Time-unlimited follow-along supports",
    "Community-based services",
    "Assertive engagement and outreach by integrated treatment team",
]


def test_the_scale_has_the_25_published_items_in_order() -> None:
    scale = load_fidelity_scale()
    assert [item.name for item in scale.items] == PUBLISHED_NAMES
    assert [item.number for item in scale.items] == list(range(1, 26))


def test_the_sections_hold_3_staffing_8_organisation_and_14_services_items() -> None:
    scale = load_fidelity_scale()
    counts = {key: sum(1 for item in scale.items if item.section == key) for key, _ in scale.sections}
    assert counts == {"staffing": 3, "organisation": 8, "services": 14}


def test_every_item_has_an_anchor_for_each_rating_in_three_languages() -> None:
    scale = load_fidelity_scale()
    for item in scale.items:
        assert sorted(item.anchors) == [1, 2, 3, 4, 5]
        for text in item.anchors.values():
            assert set(text) == {"fi", "sv", "en"}
            assert all(value.strip() for value in text.values())


def test_the_total_runs_from_25_to_125() -> None:
    scale = load_fidelity_scale()
    assert (scale.total_min, scale.total_max) == (25, 125)


def test_every_band_names_its_source() -> None:
    scale = load_fidelity_scale()
    assert [(b.code, b.minimum, b.maximum) for b in scale.bands] == [
        ("exemplary", 115, 125),
        ("good", 100, 114),
        ("fair", 74, 99),
        ("not_ips", 25, 73),
    ]
    for band in scale.bands:
        assert "Fidelity" in band.source


def test_the_scale_names_its_authors_and_version() -> None:
    scale = load_fidelity_scale()
    assert "Becker" in scale.source["manual"]
    assert "McLeman" in scale.source["manual"]
    assert scale.version
