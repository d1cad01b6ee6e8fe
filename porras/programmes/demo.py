"""Demo data: the public record, plus two indicators with invented values (marked as demo)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from porras.programmes import models as m
from porras.programmes import services


@dataclass(frozen=True)
class DemoIndicator:
    code: str
    entity: str
    name_fi: str
    name_sv: str
    name_en: str
    unit: str
    higher_is_better: bool
    values: tuple[tuple[str, date, int], ...]


# Invented for the demo; flagged `is_demo` and shown as such. Not from the public record.
DEMO_INDICATORS = (
    DemoIndicator(
        "demo-mito-trained-staff",
        "mito",
        "Mielenterveysosaamisen koulutuksiin osallistuneet (demo)",
        "Deltagare i utbildningar i psykisk hälsa (demo)",
        "Staff trained in mental-health competence (demo)",
        "persons",
        True,
        (
            ("target", date(2021, 12, 31), 400),
            ("target", date(2022, 12, 31), 1200),
            ("measured", date(2021, 6, 30), 150),
            ("measured", date(2021, 12, 31), 420),
            ("measured", date(2022, 6, 30), 780),
            ("measured", date(2022, 12, 31), 1150),
        ),
    ),
    DemoIndicator(
        "demo-ips-first-contact-days",
        "ips",
        "Päiviä sopimuksesta ensimmäiseen työnantajakontaktiin, mediaani (demo)",
        "Dagar från avtal till första arbetsgivarkontakt, median (demo)",
        "Days from agreement to first employer contact, median (demo)",
        "days",
        False,
        (
            ("target", date(2022, 12, 31), 30),
            ("measured", date(2021, 12, 31), 58),
            ("measured", date(2022, 6, 30), 41),
            ("measured", date(2022, 12, 31), 29),
        ),
    ),
)


def load() -> None:
    services.load_public_record()
    for spec in DEMO_INDICATORS:
        indicator, _ = m.Indicator.objects.update_or_create(
            code=spec.code,
            defaults={
                "entity": m.ProgrammeEntity.objects.get(code=spec.entity),
                "name_fi": spec.name_fi,
                "name_sv": spec.name_sv,
                "name_en": spec.name_en,
                "unit": spec.unit,
                "higher_is_better": spec.higher_is_better,
                "is_demo": True,
                "source": "Porras demo data (invented)",
            },
        )
        for kind, on, value in spec.values:
            m.IndicatorValue.objects.update_or_create(
                indicator=indicator, on=on, kind=kind, defaults={"value": Decimal(value)}
            )
