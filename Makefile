# Open LLM Warehouse. `make run` builds the warehouse; `make test` runs every test.
# Both bootstrap .venv from the pins (pyproject.toml + requirements.lock) when it is missing.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
STAMP := $(VENV)/.installed
MANIFEST := dbt_project/target/manifest.json
DBT_INPUTS := $(shell find dbt_project -path dbt_project/target -prune -o -type f \( -name '*.sql' -o -name '*.yml' -o -name '*.csv' \) -print)

export DBT_SEND_ANONYMOUS_USAGE_STATS := False
ifneq ($(strip $(SOURCE)),)
export WAREHOUSE_SOURCE := $(SOURCE)
endif
ifneq ($(strip $(ALLOW_EMPTY)),)
export WAREHOUSE_ALLOW_EMPTY_DROP := $(ALLOW_EMPTY)
endif
# Each warehouse has its own Dagster history: DAGSTER_HOME when set, else <WAREHOUSE_DATA_DIR>/
# dagster_home, as orchestration/settings.py says (`make run` reads the settings itself).
WITH_DAGSTER_HOME = DAGSTER_HOME="$$($(BIN)/python -m orchestration.instance)"

.PHONY: help run test lint fmt ui sql docs manifest validate bench clean

help:
	@echo "make run    build the warehouse from WAREHOUSE_SOURCE (default: the built-in sample);"
	@echo "            SOURCE=sample|hub|files  PARTITION=YYYY-MM-DD  ALLOW_EMPTY=1 (files: an empty day is fine)"
	@echo "make test   lint + every test"
	@echo "make ui     Dagster UI on http://127.0.0.1:3000 (PORT=...)"
	@echo "make sql    read-only SQL shell on the published warehouse; Q=\"select ...; select ...\" runs"
	@echo "            statements and exits; FORMAT=csv|json|parquet OUT=file export; WIDTH=n cuts values;"
	@echo "            ROWS=n rows shown (200; 0: all)"
	@echo "make docs   dbt docs of the published warehouse on http://127.0.0.1:8080 (PORT=...)"
	@echo "make bench  benchmarks into BENCHMARKS.md (QUICK=1: smallest sizes)"
	@echo "make clean  remove data/ (warehouse, landed files, reports) and dbt target/"

$(STAMP): pyproject.toml requirements.lock
	@echo "Installing the pinned dependencies into $(VENV)/ (once; a few minutes on a first clone) ..."
	@test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	@set -o pipefail; SECONDS=0; $(VENV)/bin/pip install --disable-pip-version-check --progress-bar off \
	  -c requirements.lock -e '.[dev]' | awk '/^Collecting/ { if (++n % 20 == 0) print "  " n " packages resolved ..." } \
	  /^Installing collected/ { print "  installing " n " packages ..." }' && echo "  installed in $${SECONDS} s"
	@touch $@

$(MANIFEST): $(STAMP) $(DBT_INPUTS)
	cd dbt_project && $(BIN)/dbt parse --quiet --profiles-dir .
	@touch $@

manifest: $(MANIFEST)

run: $(MANIFEST)
	$(BIN)/warehouse run $(if $(PARTITION),--partition '$(PARTITION)',)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: lint $(MANIFEST)
	$(BIN)/python -m pytest

validate: $(MANIFEST)
	$(WITH_DAGSTER_HOME) $(BIN)/dagster definitions validate -w workspace.yaml
	$(WITH_DAGSTER_HOME) $(BIN)/dagster schedule list -w workspace.yaml

ui: $(MANIFEST)
	$(WITH_DAGSTER_HOME) $(BIN)/python -m orchestration.cli.ui $(if $(PORT),--port '$(PORT)',)

# no echo of the command: what `make sql` prints is the result (a script may redirect it).
# Q reaches the shell through the environment, so quotes and newlines in it stay as typed.
export Q
sql: $(STAMP)
	@$(BIN)/python -m orchestration.cli.sql_shell $(if $(Q),--command "$$Q",) \
		$(if $(FORMAT),--format '$(FORMAT)',) $(if $(OUT),--out '$(OUT)',) \
		$(if $(WIDTH),--width '$(WIDTH)',) $(if $(ROWS),--max-rows '$(ROWS)',)

docs: $(MANIFEST)
	$(BIN)/python -m orchestration.cli.dbt_docs $(if $(PORT),--port '$(PORT)',)

clean:
	rm -rf data dbt_project/target

bench: $(STAMP)
	$(BIN)/python -m bench.run $(if $(QUICK),--quick,)
