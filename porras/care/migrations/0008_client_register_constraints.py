"""Trust first 7, step 3 of 3 (constraints): every record has its register; an identifier is unique
within a register (pseudonyms are keyed per register, so the same person in two counties is two
records); only a local identifier names an organisation."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0001_initial"),
        ("care", "0007_client_register_fill"),
    ]

    operations = [
        migrations.AlterField(
            model_name="client",
            name="county",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="+", to="accounts.county",
                help_text="the register: county of the unit that registered the client",
            ),
        ),
        migrations.AlterField(
            model_name="client",
            name="pseudonym",
            field=models.CharField(help_text="HMAC-SHA256 of county|organisation|HMAC(system:identifier)",
                                   max_length=64),
        ),
        migrations.RemoveConstraint(
            model_name="client",
            name="care_client_identifier_unique",
        ),
        migrations.AddConstraint(
            model_name="client",
            constraint=models.UniqueConstraint(fields=("county", "identifier_system", "pseudonym"),
                                               name="care_client_register_identifier_unique"),
        ),
        migrations.AddConstraint(
            model_name="client",
            constraint=models.CheckConstraint(
                condition=models.Q(("identifier_system", "local"), ("organisation__isnull", True), _connector="OR"),
                name="care_client_organisation_only_for_local",
            ),
        ),
    ]
