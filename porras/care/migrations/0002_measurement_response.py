# A measurement refers to its answer set (instruments.InstrumentResponse), step 1 of 3: the column.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("care", "0001_initial"),
        ("instruments", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="measurement",
            name="response",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="measurement",
                to="instruments.instrumentresponse",
            ),
        ),
    ]
