"""Everyday work, step 3 of 3 (constraint): a client has one open episode in a unit, unless a second
one was opened beside it with a recorded reason (voided and ended episodes do not count)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("care", "0010_second_open_episodes_fill"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="episode",
            constraint=models.UniqueConstraint(
                condition=models.Q(("end_date__isnull", True), ("opened_beside__isnull", True),
                                   ("voided_at__isnull", True)),
                fields=("client", "unit"), name="care_episode_one_open_per_unit"),
        ),
    ]
