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
export DAGSTER_HOME ?= $(CURDIR)/data/dagster_home
ifneq ($(strip $(SOURCE)),)
export WAREHOUSE_SOURCE := $(SOURCE)
endif

.PHONY: help run test lint fmt ui sql docs manifest validate bench clean

help:
	@echo "make run    build the warehouse from WAREHOUSE_SOURCE (default: the built-in sample)"
	@echo "make test   lint + every test"
	@echo "make ui     Dagster UI on http://127.0.0.1:3000"
	@echo "make sql    read-only SQL shell on the warehouse (Q=\"select ...\" runs one statement)"
	@echo "make docs   dbt docs on http://127.0.0.1:8080"
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
	@mkdir -p $(DAGSTER_HOME) && (test -f $(DAGSTER_HOME)/dagster.yaml || cp orchestration/dagster.yaml $(DAGSTER_HOME)/)
	$(BIN)/warehouse run

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: lint $(MANIFEST)
	@mkdir -p $(DAGSTER_HOME) && (test -f $(DAGSTER_HOME)/dagster.yaml || cp orchestration/dagster.yaml $(DAGSTER_HOME)/)
	$(BIN)/python -m pytest

validate: $(MANIFEST)
	@mkdir -p $(DAGSTER_HOME) && (test -f $(DAGSTER_HOME)/dagster.yaml || cp orchestration/dagster.yaml $(DAGSTER_HOME)/)
	$(BIN)/dagster definitions validate -w workspace.yaml
	$(BIN)/dagster schedule list -w workspace.yaml

ui: $(MANIFEST)
	@mkdir -p $(DAGSTER_HOME) && (test -f $(DAGSTER_HOME)/dagster.yaml || cp orchestration/dagster.yaml $(DAGSTER_HOME)/)
	$(BIN)/python -m orchestration.cli.ui

sql: $(STAMP)
	$(BIN)/python -m orchestration.cli.sql_shell $(if $(Q),--command "$(Q)",)

docs: $(MANIFEST)
	$(BIN)/python -m orchestration.cli.dbt_docs

clean:
	rm -rf data dbt_project/target

bench: $(STAMP)
	$(BIN)/python -m bench.run $(if $(QUICK),--quick,)
