"""Everyday work, step 1 of 3 (schema): what finding and correcting records needs.

* a client's local identifier kept in clear as the label professionals recognise, and the client's
  language with its choices;
* voided records (measurements, appointments, episodes) with who voided them, when and why, and the
  history of corrections; a corrected measurement names the one it corrects;
* a second open episode of a client in one unit names the open one beside it and the reason;
* a risk flag may come from a self-assessment without a measurement (a plan to end one's life).

Filled by 0010; the one-open-episode constraint is 0011.
"""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

VOIDED = [
    ("voided_at", models.DateTimeField(blank=True, null=True)),
    ("voided_by", models.CharField(blank=True, max_length=150)),
    ("void_reason", models.TextField(blank=True)),
]


class Migration(migrations.Migration):

    dependencies = [
        ("care", "0008_client_register_constraints"),
    ]

    operations = [
        migrations.AddField(
            model_name="client",
            name="local_identifier",
            field=models.CharField(
                blank=True, default="", max_length=100,
                help_text="the organisation's local client-record identifier, kept in clear as the label professionals "
                          "recognise (pseudonymous data; never an identity code, never a name); empty when none was given"),
        ),
        migrations.AddIndex(
            model_name="client",
            index=models.Index(fields=["local_identifier"], name="care_client_local_identifier"),
        ),
        migrations.AlterField(
            model_name="client",
            name="language",
            field=models.CharField(choices=[("fi", "Finnish"), ("sv", "Swedish"), ("en", "English"), ("se", "Sámi"),
                                            ("xx", "Other language")], max_length=2),
        ),
        *[migrations.AddField(model_name=model, name=name, field=field.clone())
          for model in ("episode", "appointment", "measurement") for name, field in VOIDED],
        migrations.AddField(
            model_name="episode",
            name="opened_beside",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="care.episode",
                help_text="the client's open episode in the same unit that this one was opened beside, after confirmation"),
        ),
        migrations.AddField(
            model_name="episode",
            name="opened_beside_reason",
            field=models.TextField(blank=True, help_text="why a second open episode was confirmed"),
        ),
        migrations.AddField(
            model_name="measurement",
            name="corrects",
            field=models.OneToOneField(
                blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="corrected_by",
                to="care.measurement", help_text="the voided measurement this one corrects"),
        ),
        migrations.AlterField(
            model_name="riskflag",
            name="measurement",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE,
                                    related_name="risk_flags", to="care.measurement"),
        ),
        migrations.AddField(
            model_name="riskflag",
            name="answered_on",
            field=models.DateField(blank=True, null=True,
                                   help_text="when the risk answer was given, if not the measurement's date"),
        ),
        migrations.CreateModel(
            name="Correction",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("record_type", models.CharField(choices=[("measurement", "Measurement"), ("appointment", "Appointment"),
                                                          ("episode", "Referral")], max_length=12)),
                ("record_id", models.PositiveBigIntegerField()),
                ("action", models.CharField(choices=[("void", "Voided"), ("correct", "Corrected")], max_length=8)),
                ("reason", models.TextField()),
                ("changes", models.JSONField(blank=True, default=dict, help_text="{field: [before, after]}; a corrected "
                                                                                  "measurement names its replacement")),
                ("by", models.CharField(max_length=150)),
                ("at", models.DateTimeField(default=django.utils.timezone.now)),
                ("episode", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="corrections",
                                              to="care.episode")),
            ],
            options={"ordering": ["at", "pk"]},
        ),
        migrations.AddIndex(
            model_name="correction",
            index=models.Index(fields=["record_type", "record_id"], name="care_correc_record__f3e231_idx"),
        ),
    ]
