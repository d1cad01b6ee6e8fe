"""Plain SQL tables in the interchange format, for SQLite and PostgreSQL (framework-free).

Used by the tests (the three-engine equality test) and the benchmarks (county reports from a
database, import rate against ``COPY``). The Django layer keeps its own tables and points the
engine at them through :class:`porras.outcomes.domain.engine.Relations`.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pyarrow as pa

from porras.care.domain.interchange import ALL_TABLES, TABLE_NAMES


def _column_sql(dialect: str, name: str, kind: str, required: bool) -> str:
    if kind == "int":
        t = "BIGINT" if dialect == "postgresql" else "INTEGER"
    elif kind == "date":
        t = "DATE" if dialect == "postgresql" else "TEXT"
    else:
        t = "TEXT"
    return f"{name} {t}{' NOT NULL' if required else ''}"


def create_tables_sql(dialect: str, prefix: str = "", names: tuple[str, ...] = TABLE_NAMES) -> list[str]:
    """``CREATE TABLE`` statements (and indexes) for the tables ``names`` (by default the three of the
    format), named ``prefix + table``."""
    statements = []
    for table in names:
        spec = ALL_TABLES[table]
        cols = [
            _column_sql(dialect, c.name, c.type, c.required)
            + (" PRIMARY KEY" if c.name == spec.primary_key else "")
            for c in spec.columns
        ]
        statements.append(f"CREATE TABLE {prefix}{table} (\n  " + ",\n  ".join(cols) + "\n)")
        if table != "episodes":
            index = f"{prefix.rsplit('.', 1)[-1]}{table}_episode"  # an index name takes no schema
            statements.append(f"CREATE INDEX {index} ON {prefix}{table} (episode_id)")
    return statements


def _names(tables: dict[str, pa.Table]) -> tuple[str, ...]:
    return (*TABLE_NAMES, *(n for n in ALL_TABLES if n not in TABLE_NAMES and n in tables))


def _python_rows(table: pa.Table, dialect: str) -> list[tuple[Any, ...]]:
    columns = []
    for name in table.column_names:
        values = table.column(name).to_pylist()
        if dialect == "sqlite" and values and any(isinstance(v, dt.date) for v in values[:100]):
            values = [None if v is None else v.isoformat() for v in values]
        if values and any(isinstance(v, list) for v in values[:100]):
            values = [None if v is None else "[" + ",".join(str(i) for i in v) + "]" for v in values]
        columns.append(values)
    return list(zip(*columns, strict=True))


def load_sqlite(connection: Any, tables: dict[str, pa.Table], prefix: str = "") -> None:
    """Create and fill the tables in a ``sqlite3`` connection (one transaction): the three of the
    format and the optional ones present in ``tables``."""
    names = _names(tables)
    cur = connection.cursor()
    for statement in create_tables_sql("sqlite", prefix, names):
        cur.execute(statement)
    for name in names:
        table = tables[name].select(list(ALL_TABLES[name].column_names))
        marks = ", ".join("?" for _ in table.column_names)
        cur.executemany(
            f"INSERT INTO {prefix}{name} ({', '.join(table.column_names)}) VALUES ({marks})",
            _python_rows(table, "sqlite"),
        )
    connection.commit()


def copy_text(table: pa.Table) -> str:
    """The rows in PostgreSQL ``COPY ... (FORMAT text)`` form (tab-separated, ``\\N`` for null)."""
    import pyarrow.csv as pacsv

    columns = []
    for name in table.column_names:
        col = table.column(name)
        if pa.types.is_list(col.type):
            col = pa.array(
                [None if v is None else "[" + ",".join(str(i) for i in v) + "]" for v in col.to_pylist()],
                pa.string(),
            )
        columns.append(col)
    plain = pa.Table.from_arrays(columns, names=table.column_names)
    buffer = io.BytesIO()
    pacsv.write_csv(
        plain,
        buffer,
        write_options=pacsv.WriteOptions(
            include_header=False, delimiter="\t", quoting_style="none", null_string="\\N"
        ),
    )
    return buffer.getvalue().decode("utf-8")


def load_postgresql(connection: Any, tables: dict[str, pa.Table], prefix: str = "") -> None:
    """Create and fill the tables in a ``psycopg`` connection with ``COPY`` (one transaction): the
    three of the format and the optional ones present in ``tables``."""
    names = _names(tables)
    with connection.cursor() as cur:
        for statement in create_tables_sql("postgresql", prefix, names):
            cur.execute(statement)
        for name in names:
            table = tables[name].select(list(ALL_TABLES[name].column_names))
            with cur.copy(f"COPY {prefix}{name} ({', '.join(table.column_names)}) FROM STDIN") as copy:
                copy.write(copy_text(table))
        # Fresh statistics: without them the planner guesses one row per table and picks
        # nested loops that make the outcome report hundreds of times slower.
        for name in names:
            cur.execute(f"ANALYZE {prefix}{name}")
    connection.commit()
