# A measurement refers to its answer set, step 3 of 3: its own copies of the answers and of the
# wording (a second string encoding of it) go; both are read through ``Measurement.response``.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("care", "0003_measurement_answer_sets"),
    ]

    operations = [
        migrations.RemoveField(model_name="measurement", name="answers"),
        migrations.RemoveField(model_name="measurement", name="text_pack"),
    ]
