"""Everyday work, step 2 of 3 (data): a client with several open episodes in one unit, from before
Porras refused a second one, keeps them all; each but the earliest is marked as opened beside it, so
that the constraint of 0011 (one open episode per client and unit, unless opened beside another)
holds. Nothing is closed or removed."""

from django.db import migrations

REASON = "opened before Porras refused a second open episode in the same unit (migration 0010)"


def mark_second_open_episodes(apps, schema_editor):  # type: ignore[no-untyped-def]
    Episode = apps.get_model("care", "Episode")
    first_of: dict[tuple[int, int], int] = {}
    for pk, client_id, unit_id in (Episode.objects.filter(end_date__isnull=True, voided_at__isnull=True,
                                                          opened_beside__isnull=True)
                                   .order_by("referral_date", "pk").values_list("pk", "client_id", "unit_id")):
        key = (client_id, unit_id)
        if key not in first_of:
            first_of[key] = pk
            continue
        Episode.objects.filter(pk=pk).update(opened_beside_id=first_of[key], opened_beside_reason=REASON)


class Migration(migrations.Migration):

    dependencies = [
        ("care", "0009_find_and_correct_fields"),
    ]

    operations = [
        migrations.RunPython(mark_second_open_episodes, migrations.RunPython.noop),
    ]
