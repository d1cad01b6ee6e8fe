"""Each assignment keeps the number of modules its client completed (kept with each completion, as
``awaiting_feedback`` is), so that the interchange table ``programme_assignments`` and the work list
read it without counting modules; existing assignments are counted once here."""

from django.db import migrations, models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce


def count_completed(apps, schema_editor):
    Assignment = apps.get_model("selfcare", "Assignment")
    ModuleProgress = apps.get_model("selfcare", "ModuleProgress")
    done = (ModuleProgress.objects.filter(assignment=OuterRef("pk"), completed_at__isnull=False)
            .values("assignment").annotate(n=Count("pk")).values("n"))
    Assignment.objects.update(modules_completed=Coalesce(Subquery(done), 0))


class Migration(migrations.Migration):

    dependencies = [
        ('selfcare', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='assignment',
            name='modules_completed',
            field=models.PositiveSmallIntegerField(default=0, help_text='modules the client completed'),
        ),
        migrations.RunPython(count_completed, migrations.RunPython.noop),
    ]
