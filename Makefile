# Porras: `make run` and `make test` do all set-up on a fresh machine with Python 3.11.
SHELL := /bin/bash
PYTHON ?= python3.11
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
PY := $(VENV)/bin/python
PORRAS := $(VENV)/bin/porras
PG_URL ?= postgresql://postgres@127.0.0.1:5432/porras
PYTEST_ARGS ?=

.PHONY: run test test-sqlite test-postgres lint typecheck migrations-check install install-runtime messages clean

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==0.13.9

# The runtime dependencies only (what `make run` and a deployment need); --inexact keeps the test
# tools of an earlier `make install` instead of removing them. Bytecode is compiled at install:
# Python reads .pyc files even when PYTHONDONTWRITEBYTECODE is set (as in many container images),
# which otherwise recompiles Django and Porras on every start of the porras command (BENCHMARKS.md 1b).
$(VENV)/.installed-runtime: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --no-dev --inexact --compile-bytecode --python $(PYTHON)
	touch $@

# The runtime, the `dev` dependency group (pytest, playwright, schemathesis, ruff, mypy, pandas ...)
# and the optional group `spark` (pyspark: the Spark equality tests; Java comes from the machine).
$(VENV)/.installed: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --group dev --extra spark --compile-bytecode --python $(PYTHON)
	touch $@ $(VENV)/.installed-runtime

install-runtime: $(VENV)/.installed-runtime
	$(PY) -m porras.lib.i18n
	$(PY) -m compileall -q porras

install: $(VENV)/.installed
	$(PY) -m porras.lib.i18n
	$(PY) -m compileall -q porras

run: install-runtime
	$(PORRAS) migrate --no-input
	$(PORRAS) demo
	$(PORRAS) serve

# The whole suite on SQLite, then the database tests again on PostgreSQL when one answers
# (with CI=true a missing PostgreSQL or Chromium is a failure, not a skip).
test: install test-sqlite test-postgres

test-sqlite: install
	$(PY) -m pytest $(PYTEST_ARGS)

test-postgres: install
	@if $(PY) -c "import psycopg,sys; psycopg.connect('$(PG_URL)'.rsplit('/',1)[0]+'/postgres', connect_timeout=3).close()" 2>/dev/null; then \
		PORRAS_DATABASE_URL=$(PG_URL) $(PY) -m pytest -m "not browser and not server" $(PYTEST_ARGS); \
	elif [ "$$CI" = "true" ]; then echo "PostgreSQL does not answer at $(PG_URL)" >&2; exit 1; \
	else echo "SKIPPED: PostgreSQL tests (no server answers at $(PG_URL))"; fi

lint: install
	$(VENV)/bin/ruff check .

typecheck: install
	$(VENV)/bin/mypy porras

migrations-check: install
	$(PORRAS) makemigrations --check --dry-run

messages:
	for app in porras/*/; do if [ -d $$app/locale ]; then (cd $$app && ../../$(PY) -m django makemessages -l fi -l sv -l en --no-location); fi; done

clean:
	rm -rf $(VENV) $(TOOLS) var/test.sqlite3 .pytest_cache .mypy_cache .ruff_cache
