# Confide: every target sets up what it needs on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Presidio, the peer the benchmarks measure against, lives in its own environment: in
# Confide's, spaCy would load Presidio's plug-in every time Confide starts.
PEER := .venv-peer
PEER_STAMP := $(PEER)/.installed

.PHONY: run test bench lint typecheck clean setup docs

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

$(PEER_STAMP): pyproject.toml
	test -x $(PEER)/bin/python || $(PY) -m venv $(PEER)
	$(PEER)/bin/python -m pip install --quiet --upgrade pip
	$(PEER)/bin/python -m pip install --quiet -e '.[bench]'
	touch $(PEER_STAMP)

## Start Confide on an embedded SQLite database with demo data.
run: $(STAMP)
	$(BIN)/confide serve --demo --host 127.0.0.1 --port 8000

## Set up and run the whole test suite.
test: $(STAMP)
	$(BIN)/python -m pytest

## Quality and speed against named peers (Presidio); prints ratios.
## `make bench BENCH_ARGS=--quick` for a 1,000-post smoke run.
bench: $(STAMP) $(PEER_STAMP)
	$(BIN)/python -m benchmarks --peer-python $(PEER)/bin/python $(BENCH_ARGS)

## Regenerate docs/cli.md from every command's --help and the tables in docs/policy.md
## from their data files (tests/test_docs.py fails while either is stale).
docs: $(STAMP)
	$(BIN)/python scripts/gen_cli_docs.py
	$(BIN)/python scripts/gen_policy_docs.py

lint: $(STAMP)
	$(BIN)/ruff check confide tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy confide

clean:
	rm -rf $(VENV) $(PEER) .pytest_cache build *.egg-info
