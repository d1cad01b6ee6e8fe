"""Full-text search index: FTS5 over Snowball-stemmed text on SQLite; GIN indexes with the
finnish/swedish/english text-search configurations on PostgreSQL (see porras.catalogue.domain.text)."""

from django.db import migrations

from porras.catalogue.domain import text

FTS_TABLE = "catalogue_service_fts"
PG_COLUMNS = {lang: (f"name_{lang}", f"description_{lang}") for lang in text.SEARCH_LANGUAGES}


def create(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # the FTS5 table of this migration's time (migration 0005 makes today's, with the extra columns)
            columns = ", ".join(f"{f}_{lang}" for lang in text.SEARCH_LANGUAGES for f in ("name", "description"))
            cursor.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5({columns}, "
                "tokenize='unicode61 remove_diacritics 0')"
            )
        elif connection.vendor == "postgresql":
            for lang, columns in PG_COLUMNS.items():
                cursor.execute(
                    f"CREATE INDEX IF NOT EXISTS catalogue_service_fts_{lang} ON catalogue_service "
                    f"USING GIN ({text.pg_document_vector(lang, *columns)})"
                )


def drop(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
        elif connection.vendor == "postgresql":
            for lang in PG_COLUMNS:
                cursor.execute(f"DROP INDEX IF EXISTS catalogue_service_fts_{lang}")


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
