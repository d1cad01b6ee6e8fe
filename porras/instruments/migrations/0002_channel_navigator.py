"""A new channel of answer sets: a resident's saved self-assessment turned into a referral's baseline
(choices only; nothing in the database changes)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("instruments", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="instrumentresponse",
            name="channel",
            field=models.CharField(choices=[("web", "Web form"), ("api", "API"), ("fhir", "FHIR"),
                                            ("navigator", "Self-assessment in the navigator")], max_length=10),
        ),
    ]
