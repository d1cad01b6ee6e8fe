"""Trust first 7, step 2 of 3 (data): each client record goes to its county's register.

A record linked to units of several counties (or, for a local identifier, of several organisations)
is split into one record per register: the record keeps the register of its home county (else of
its earliest link), and each other register gets a new record with the same facts, to which the
episodes and unit links of that register's units move. Every pseudonym is then keyed per register:
HMAC(key, county|organisation|old pseudonym), which is what a registration computes from the
identifier today (the identifier itself was never stored, so the old pseudonym is the only input).

Records imported from the interchange format (their pseudonym is the keyed hash of their
``client_id``) are scoped by county only: their identifier is the data set's, not an organisation's.
Irreversible once there are records: the old pseudonyms cannot be recomputed.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import migrations

BATCH = 2000


def _key() -> str:
    key = str(getattr(settings, "PORRAS_PSEUDONYM_KEY", "") or "")
    if not key:
        raise RuntimeError("care 0003: PORRAS_PSEUDONYM_KEY is not set; the client pseudonyms cannot be re-keyed")
    return key


def fill(apps: Any, schema_editor: Any) -> None:
    from porras.care.domain.clients import register_pseudonym
    from porras.care.domain.identity_code import pseudonym

    Client = apps.get_model("care", "Client")
    ClientUnit = apps.get_model("care", "ClientUnit")
    Episode = apps.get_model("care", "Episode")
    Unit = apps.get_model("accounts", "Unit")
    County = apps.get_model("accounts", "County")
    Organisation = apps.get_model("accounts", "Organisation")
    pks = list(Client.objects.filter(county__isnull=True).order_by("pk").values_list("pk", flat=True))
    if not pks:
        return
    key = _key()
    unit_scope = {pk: (county, org) for pk, county, org in
                  Unit.objects.values_list("pk", "organisation__county_id", "organisation_id")}
    county_codes = dict(County.objects.values_list("pk", "code"))
    org_codes = dict(Organisation.objects.values_list("pk", "code"))

    for start in range(0, len(pks), BATCH):
        batch = pks[start:start + BATCH]
        seen: dict[int, dict[int, Any]] = {}  # client -> unit -> first time linked
        for model in (ClientUnit, Episode):
            for client_id, unit_id, when in (model.objects.filter(client_id__in=batch)
                                             .values_list("client_id", "unit_id", "created_at")):
                units = seen.setdefault(client_id, {})
                units[unit_id] = min(units[unit_id], when) if unit_id in units else when
        changed = []
        for client in Client.objects.filter(pk__in=batch).order_by("pk"):
            imported = client.identifier_system == "local" and client.pseudonym == pseudonym(key, "local", client.code)
            by_organisation = client.identifier_system == "local" and not imported
            groups: dict[tuple[int, int | None], list[int]] = {}
            for unit_id, _when in sorted(seen.get(client.pk, {}).items(), key=lambda kv: (kv[1], kv[0])):
                county_id, org_id = unit_scope[unit_id]
                groups.setdefault((county_id, org_id if by_organisation else None), []).append(unit_id)
            if not groups:  # never linked to a unit: its home county's register
                groups[(client.home_county_id, None)] = []
            # the record stays in its home county's register if it has one there (stable sort: else the first)
            scopes = sorted(groups, key=lambda scope: scope[0] != client.home_county_id)
            base = client.pseudonym
            for i, (county_id, org_id) in enumerate(scopes):
                digest = register_pseudonym(key, base, county_codes[county_id], org_codes[org_id] if org_id else "")
                if i == 0:
                    client.county_id, client.organisation_id, client.pseudonym = county_id, org_id, digest
                    changed.append(client)
                    continue
                code = digest[:24] if not Client.objects.filter(code=digest[:24]).exists() else digest
                twin = Client.objects.create(
                    county_id=county_id, organisation_id=org_id, identifier_system=client.identifier_system,
                    pseudonym=digest, code=code, birth_year=client.birth_year, sex=client.sex,
                    home_county_id=client.home_county_id, language=client.language, created_at=client.created_at,
                )
                units = groups[(county_id, org_id)]
                Episode.objects.filter(client_id=client.pk, unit_id__in=units).update(client_id=twin.pk)
                ClientUnit.objects.filter(client_id=client.pk, unit_id__in=units).update(client_id=twin.pk)
        Client.objects.bulk_update(changed, ["county", "organisation", "pseudonym"], batch_size=500)


def refuse_with_records(apps: Any, schema_editor: Any) -> None:
    if apps.get_model("care", "Client").objects.exists():
        raise RuntimeError("care 0003 cannot be undone with client records: the old pseudonyms are not recoverable")


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0001_initial"),
        ("care", "0006_client_register_fields"),
    ]

    operations = [migrations.RunPython(fill, refuse_with_records)]
