"""Index: the full-text index takes the search columns of 0003/0004 in. SQLite: the FTS5 table is made
again with an ``extra_*`` column per language and refilled; PostgreSQL: the GIN expression indexes are
made again over name, description and the extra column (see porras.catalogue.domain.text)."""

from django.db import migrations

from porras.catalogue.domain import text

FTS_TABLE = "catalogue_service_fts"
TEXT_COLUMNS = ("name_fi", "name_sv", "name_en", "description_fi", "description_sv", "description_en")


def _pg_indexes(cursor, with_extra):
    for lang in text.SEARCH_LANGUAGES:
        cursor.execute(f"DROP INDEX IF EXISTS catalogue_service_fts_{lang}")
        columns = [f"name_{lang}", f"description_{lang}"] + ([f"search_extra_{lang}"] if with_extra else [])
        cursor.execute(
            f"CREATE INDEX catalogue_service_fts_{lang} ON catalogue_service "
            f"USING GIN ({text.pg_document_vector(lang, *columns)})"
        )


def _fts5(apps, cursor, with_extra):
    Service = apps.get_model("catalogue", "Service")
    cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    fields = ("name", "description", "extra") if with_extra else ("name", "description")
    columns = [f"{f}_{lang}" for lang in text.SEARCH_LANGUAGES for f in fields]
    cursor.execute(
        f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5({', '.join(columns)}, tokenize='unicode61 remove_diacritics 0')"
    )
    for service in Service.objects.all():
        values = {c: getattr(service, c) for c in TEXT_COLUMNS}
        values.update({f"extra_{lang}": getattr(service, f"search_extra_{lang}") for lang in text.SEARCH_LANGUAGES})
        row = text.fts5_row(values)
        cursor.execute(
            f"INSERT INTO {FTS_TABLE}(rowid, {', '.join(columns)}) VALUES (%s, {', '.join('%s' for _ in columns)})",
            [service.pk, *(row[c] for c in columns)],
        )


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            _fts5(apps, cursor, with_extra=True)
        elif connection.vendor == "postgresql":
            _pg_indexes(cursor, with_extra=True)


def backwards(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            _fts5(apps, cursor, with_extra=False)
        elif connection.vendor == "postgresql":
            _pg_indexes(cursor, with_extra=False)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0004_fill_places_and_search_columns")]
    operations = [migrations.RunPython(forwards, backwards)]
