"""Data: a location's municipality is its city where none was given; each service's places and search
columns are filled from its texts and locations (the word lists of porras.catalogue.domain.text)."""

from django.db import migrations

from porras.catalogue.domain import text

TEXT_COLUMNS = ("name_fi", "name_sv", "name_en", "description_fi", "description_sv", "description_en")


def fill(apps, schema_editor):
    Location = apps.get_model("catalogue", "Location")
    Service = apps.get_model("catalogue", "Service")
    ServiceAtLocation = apps.get_model("catalogue", "ServiceAtLocation")
    for location in Location.objects.filter(municipality="").exclude(city=""):
        location.municipality = location.city
        location.save(update_fields=["municipality"])
    for service in Service.objects.all():
        names = []
        for at in ServiceAtLocation.objects.filter(service=service).select_related("location"):
            names += [at.location.municipality, at.location.district, at.location.city]
        service.search_places = text.place_text([n for n in dict.fromkeys(names) if n])
        fields = text.document({c: getattr(service, c) for c in TEXT_COLUMNS}, service.search_places)
        for lang in text.SEARCH_LANGUAGES:
            setattr(service, f"search_extra_{lang}", fields[f"{text.EXTRA_FIELD}_{lang}"])
        service.save(update_fields=["search_places", *(f"search_extra_{lang}" for lang in text.SEARCH_LANGUAGES)])


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0003_places_and_search_columns")]
    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
