"""Demo organisations, units and one user for every role. Idempotent."""

from __future__ import annotations

from porras.accounts import services
from porras.accounts.models import User
from porras.accounts.services import UnitSpec

# Documented in the README. `porras demo` refuses to run when PORRAS_ENV=production.
DEMO_PASSWORD = "porras-demo-2026"

DEMO_ORGANISATIONS: list[tuple[str, str, str, str, bool, list[UnitSpec]]] = [
    ("helsinki-sote", "helsinki", "Helsingin sosiaali- ja terveyspalvelut (demo)", "Helsingfors social- och hälsovård (demo)", False, [
        UnitSpec("hki-kalasatama", "Kalasataman terveys- ja hyvinvointikeskus (demo)", "Fiskehamnens hälso- och välfärdscentral (demo)", "sote_centre"),
        UnitSpec("hki-opiskeluterveys", "Helsingin opiskeluterveydenhuolto (demo)", "Helsingfors studerandehälsovård (demo)", "school_health"),
        UnitSpec("hki-psykiatria", "Psykiatrian poliklinikka, Helsinki (demo)", "Psykiatriska polikliniken, Helsingfors (demo)", "specialised_psychiatry"),
        UnitSpec("hki-ips", "IPS-työhönvalmennus, Helsinki (demo)", "IPS-arbetsstöd, Helsingfors (demo)", "ips_service"),
    ]),
    ("pirha", "pirkanmaa", "Pirkanmaan hyvinvointialue (demo)", "Birkalands välfärdsområde (demo)", False, [
        UnitSpec("pirha-hervanta", "Hervannan sote-keskus (demo)", "Hervanta social- och hälsocentral (demo)", "sote_centre"),
        UnitSpec("pirha-perhekeskus", "Tampereen perhekeskus (demo)", "Tammerfors familjecentral (demo)", "family_centre"),
        UnitSpec("pirha-paihde", "Pirkanmaan päihdepalvelut (demo)", "Birkalands missbrukartjänster (demo)", "substance_use"),
    ]),
    ("pohjanmaa-hva", "pohjanmaa", "Pohjanmaan hyvinvointialue (demo)", "Österbottens välfärdsområde (demo)", False, [
        UnitSpec("pohjanmaa-vaasa", "Vaasan sote-keskus (demo)", "Vasa social- och hälsocentral (demo)", "sote_centre"),
    ]),
    ("pohjanmaa-jarjesto", "pohjanmaa", "Pohjanmaan mielenterveysyhdistys (demo)", "Österbottens mentalvårdsförening (demo)", True, [
        UnitSpec("pohjanmaa-kriisikeskus", "Kriisikeskus Pohjanmaa (demo)", "Kriscentret Österbotten (demo)", "ngo"),
    ]),
]

# The fixed cast of STYLE.md, plus one user for every remaining role.
DEMO_USERS: list[tuple[str, str, str | None, str | None]] = [
    ("ammattilainen", "professional", "hki-kalasatama", None),
    ("kollega", "professional", "hki-kalasatama", None),
    ("ammattilainen.pirkanmaa", "professional", "pirha-hervanta", None),
    ("esihenkilo", "unit_manager", "hki-kalasatama", None),
    ("aluejohtaja.pirkanmaa", "unit_manager", None, "pirkanmaa"),
    ("analyytikko.alue", "county_analyst", None, "helsinki"),
    ("analyytikko.thl", "national_analyst", None, None),
    ("ohjelmapaallikko", "programme_manager", None, None),
    ("ips.valmentaja", "ips_specialist", "hki-ips", None),
    ("yllapitaja", "administrator", None, None),
]


def load() -> None:
    services.load_counties()
    for code, county_code, name_fi, name_sv, is_ngo, units in DEMO_ORGANISATIONS:
        org = services.ensure_organisation(code, county_code, name_fi, name_sv, is_ngo=is_ngo)
        for spec in units:
            services.ensure_unit(org, spec)
    for username, role, unit, county in DEMO_USERS:
        exists = User.objects.filter(username=username, memberships__role=role).exists()
        if not exists:
            services.create_user(username, role, unit_code=unit, county_code=county, password=DEMO_PASSWORD)
