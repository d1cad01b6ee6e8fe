"""The catalogue's full-text index, in one module (as netbox keeps one ``search.py`` per app).

PostgreSQL indexes the service columns itself (the GIN indexes of migration 0005); on SQLite this
module keeps the FTS5 table ``catalogue_service_fts`` up to date: a row is written whenever a service
is saved and dropped when it is deleted (signals connected by :class:`~porras.catalogue.apps.CatalogueConfig`).
Before every save it fills the service's ``search_extra_*`` columns (compound heads and places, see
:mod:`porras.catalogue.domain.text`), which both databases index.
:func:`matching` runs a parsed query on either database; :mod:`porras.catalogue.services` filters,
orders and pages around it. The words and the SQL come from :mod:`porras.catalogue.domain.text`.
"""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import QuerySet, signals
from django.db.models.expressions import RawSQL

from porras.catalogue.domain import text
from porras.catalogue.models import Service

FTS_TABLE = "catalogue_service_fts"
PG_COLUMNS = {
    lang: (f'"catalogue_service"."name_{lang}"', f'"catalogue_service"."description_{lang}"',
           f'"catalogue_service"."search_extra_{lang}"')
    for lang in text.SEARCH_LANGUAGES
}
TEXT_COLUMNS = ("name_fi", "name_sv", "name_en", "description_fi", "description_sv", "description_en")


def prepare(service: Service) -> None:
    """Fill the service's ``search_extra_*`` columns from its texts and ``search_places``."""
    fields = text.document({column: getattr(service, column) for column in TEXT_COLUMNS}, service.search_places)
    for lang in text.SEARCH_LANGUAGES:
        setattr(service, f"search_extra_{lang}", fields[f"{text.EXTRA_FIELD}_{lang}"])


def reindex(service: Service) -> None:
    """Bring the SQLite FTS5 row of ``service`` up to date (PostgreSQL indexes itself)."""
    if connection.vendor != "sqlite":
        return
    fields: dict[str, str | None] = {column: getattr(service, column) for column in TEXT_COLUMNS}
    fields.update({f"{text.EXTRA_FIELD}_{lang}": getattr(service, f"search_extra_{lang}")
                   for lang in text.SEARCH_LANGUAGES})
    row = text.fts5_row(fields)
    columns = text.fts5_columns()
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [service.pk])
        cursor.execute(
            f"INSERT INTO {FTS_TABLE}(rowid, {', '.join(columns)}) VALUES (%s, {', '.join('%s' for _ in columns)})",
            [service.pk, *(row[c] for c in columns)],
        )


def unindex(service_pk: int) -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [service_pk])


def rebuild() -> int:
    """Recompute every service's search columns and rebuild the SQLite FTS5 index (after a bulk load or
    a change of the word lists); returns the number of services."""
    count = 0
    for service in Service.objects.all():
        prepare(service)
        Service.objects.filter(pk=service.pk).update(
            **{f"search_extra_{lang}": getattr(service, f"search_extra_{lang}") for lang in text.SEARCH_LANGUAGES}
        )
        reindex(service)
        count += 1
    return count


def matching(qs: QuerySet[Service], plan: text.SearchPlan) -> QuerySet[Service] | list[int]:
    """The services of ``qs`` that match ``plan``, best first.

    On PostgreSQL a queryset ordered by rank; on SQLite the primary keys in rank order (FTS5 ranks
    outside the ORM).
    """
    if plan.matches_nothing:
        return qs.none()
    if connection.vendor == "postgresql":
        sql = text.pg_search(plan, PG_COLUMNS)
        # The SQL comes from porras.catalogue.domain.text (constants only); the query text is bound.
        rank = RawSQL(sql.rank, sql.rank_params)  # noqa: S611
        matches = RawSQL(  # noqa: S611
            f'SELECT "catalogue_service"."id" FROM "catalogue_service" WHERE {sql.where}', sql.where_params
        )
        return qs.annotate(rank=rank).filter(pk__in=matches).order_by("-rank", "name_fi", "pk")
    weights = ", ".join(str(w) for w in text.FTS5_WEIGHTS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid, bm25({FTS_TABLE}, {weights}) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",
            [text.fts5_match(plan)],
        )
        ranks = dict(cursor.fetchall())
    names = dict(qs.filter(pk__in=list(ranks)).values_list("pk", "name_fi"))
    return sorted(names, key=lambda pk: (ranks[pk], names[pk], pk))


def _prepare(sender: type[Service], instance: Service, **kwargs: Any) -> None:
    fields = kwargs.get("update_fields")
    if fields is None or set(fields) & {*TEXT_COLUMNS, "search_places"}:
        prepare(instance)


def _keep(sender: type[Service], instance: Service, **kwargs: Any) -> None:
    reindex(instance)


def _drop(sender: type[Service], instance: Service, **kwargs: Any) -> None:
    unindex(instance.pk)


def connect() -> None:
    """Keep the index on every save and delete of a service (called once, when the app is ready)."""
    signals.pre_save.connect(_prepare, sender=Service, dispatch_uid="catalogue_search_prepare")
    signals.post_save.connect(_keep, sender=Service, dispatch_uid="catalogue_fts_save")
    signals.post_delete.connect(_drop, sender=Service, dispatch_uid="catalogue_fts_delete")
