"""The outcome and access reports on Apache Spark SQL over the same Parquet files.

The SQL is the engine's own (:mod:`porras.outcomes.domain.engine`, dialect ``"spark"``): this
module only registers the three interchange tables of a data set as temporary views of a
SparkSession and runs the report there. Only the rows of the groups come back to the driver; the
disclosure rule is applied to them in Python, as for every other database, so the published numbers
are the same as DuckDB's cell for cell.

A data set is a folder or a URI that Spark's file systems read (``/data/national``,
``hdfs://nn/porras/national``, ``s3a://bucket/porras/national`` with the connector on the cluster),
holding for each table ``TABLE.parquet`` or a folder ``TABLE/`` of Parquet files, hive-partitioned
(``TABLE/county_code=helsinki/part-0.parquet``) or not.

Needs the optional dependency group ``spark`` (``pyspark``) and a Java runtime (17 or 21).
The executors run nothing of Porras: only Spark SQL, no Python functions.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from porras.care.domain.interchange import OPTIONAL_TABLES, TABLE_NAMES, TABLES
from porras.lib.disclosure import Policy
from porras.outcomes.domain.definitions import DEFAULT_DEFINITIONS, Definitions, GroupKey
from porras.outcomes.domain.engine import (
    DEFAULT_POLICY,
    MonthRange,
    Relations,
    Report,
    ReportError,
    ReportKind,
    Restriction,
    restrict,
    run_report,
)

# Interchange column types as Spark SQL types (the lists of item answers are not read by a report).
SPARK_TYPES = {"int": "BIGINT", "string": "STRING", "date": "DATE"}

# Settings of every session this module starts: partition values stay text (a county code such as
# "01" must not become the number 1), dates do not depend on the machine's time zone, no web UI.
SESSION_CONFIG = {
    "spark.sql.sources.partitionColumnTypeInference.enabled": "false",
    "spark.sql.session.timeZone": "UTC",
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
}


def spark_session(master: str | None = None, config: dict[str, str] | None = None) -> Any:
    """The active SparkSession, or a new one (``master``: a master URL such as ``local[2]`` or
    ``spark://host:7077``; without it, what ``spark-submit`` set, else ``local[*]``)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise ReportError(
            "engine: Spark needs the optional dependency group 'spark' (pip install 'porras[spark]') "
            "and a Java runtime"
        ) from None
    builder = SparkSession.builder.appName("porras report")
    if master:
        builder = builder.master(master)
    for key, value in {**SESSION_CONFIG, **(config or {})}.items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    for key in ("spark.sql.sources.partitionColumnTypeInference.enabled", "spark.sql.session.timeZone"):
        session.conf.set(key, SESSION_CONFIG[key])  # also on a session spark-submit started
    return session


def _table_path(spark: Any, source: str, table: str) -> str:
    """``SOURCE/TABLE.parquet`` or ``SOURCE/TABLE`` (a folder), looked up through Hadoop's file
    systems so that every URI scheme the cluster knows works."""
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    root = source.rstrip("/")
    for candidate, want_file in ((f"{root}/{table}.parquet", True), (f"{root}/{table}", False)):
        path = jvm.org.apache.hadoop.fs.Path(candidate)
        fs = path.getFileSystem(conf)
        if fs.exists(path) and fs.getFileStatus(path).isFile() == want_file:
            return candidate
    raise ReportError(
        f"source: no {table} table in {source} (Spark reads {table}.parquet or a folder {table}/ of "
        "Parquet files, hive-partitioned or not)"
    )


def spark_relations(spark: Any, source: str) -> Relations:
    """Register the tables of ``source`` as temporary views with the interchange types (the three of
    the format, and ``programme_assignments`` when the data set has it)."""
    if not source:
        raise ReportError("source: give a data-set folder or URI")
    tag = uuid.uuid4().hex[:12]
    names: dict[str, str] = {}
    optional = tuple(OPTIONAL_TABLES)
    for table in (*TABLE_NAMES, *optional):
        try:
            path = _table_path(spark, source, table)
        except ReportError:
            if table in optional:
                continue  # absent: nothing of that kind happened
            raise
        frame = spark.read.option("mergeSchema", "true").parquet(path)
        present = set(frame.columns)
        columns = []
        for column in (TABLES.get(table) or OPTIONAL_TABLES[table]).columns:
            if column.type == "int_list":
                continue
            if column.name not in present and not column.required:  # an older file: unknown
                columns.append(f"CAST(NULL AS {SPARK_TYPES[column.type]}) AS {column.name}")
                continue
            if column.name not in present:
                raise ReportError(f"source: the {table} table in {source} has no column {column.name}")
            columns.append(f"CAST(`{column.name}` AS {SPARK_TYPES[column.type]}) AS {column.name}")
        view = f"porras_{tag}_{table}"
        frame.selectExpr(*columns).createOrReplaceTempView(view)
        names[table] = view
    return Relations(names["episodes"], names["appointments"], names["measurements"],
                     names.get("programme_assignments"))


def report_on_spark(
    source: str,
    kind: ReportKind,
    group_by: Sequence[GroupKey] = (),
    *,
    definitions: Definitions = DEFAULT_DEFINITIONS,
    policy: Policy = DEFAULT_POLICY,
    restrictions: Sequence[Restriction] = (),
    spark: Any = None,
    master: str | None = None,
    months: MonthRange = (None, None),
) -> Report:
    """Run a report with Spark SQL over a data set (see the module's text); ``spark``: a session
    to use (else :func:`spark_session` with ``master``); ``months`` as in ``run_report``."""
    session = spark if spark is not None else spark_session(master)
    relations = spark_relations(session, source)
    try:
        scoped = relations
        for counties, units in restrictions:
            scoped = restrict(scoped, counties, units, dialect="spark")
        return run_report(
            session, "spark", kind, group_by, relations=scoped, definitions=definitions, policy=policy,
            months=months,
        )
    finally:
        for view in (relations.episodes, relations.appointments, relations.measurements,
                     relations.programme_assignments):
            if view is not None:
                session.catalog.dropTempView(view)
