"""Schema: where a location is (municipality, district), and the services' search columns (places, compound heads)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('catalogue', '0002_search_index'),
    ]

    operations = [
        migrations.AddField(
            model_name='location',
            name='district',
            field=models.CharField(blank=True, default='', max_length=120),
        ),
        migrations.AddField(
            model_name='location',
            name='municipality',
            field=models.CharField(blank=True, default='', max_length=120),
        ),
        migrations.AddField(
            model_name='service',
            name='search_extra_en',
            field=models.TextField(blank=True, default='', editable=False),
        ),
        migrations.AddField(
            model_name='service',
            name='search_extra_fi',
            field=models.TextField(blank=True, default='', editable=False),
        ),
        migrations.AddField(
            model_name='service',
            name='search_extra_sv',
            field=models.TextField(blank=True, default='', editable=False),
        ),
        migrations.AddField(
            model_name='service',
            name='search_places',
            field=models.TextField(blank=True, default='', editable=False),
        ),
    ]
