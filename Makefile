# The template's two commands: `make demo` and `make test` (what .ci/run calls); and
# `make bench`, which measures a baked project (it is not part of the tests).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint bench

$(BIN)/.installed: requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

demo: $(BIN)/.installed
	bash scripts/demo

lint: $(BIN)/.installed
	$(BIN)/ruff check hooks tests bench
	$(BIN)/ruff format --check hooks tests bench

test: lint
	bash scripts/start-databases
	$(BIN)/pytest

# Its own virtualenv: the peer it measures against must not leak into the tests' environment.
bench/.venv/bin/.installed: requirements-dev.txt bench/requirements.txt
	$(PYTHON) -m venv bench/.venv
	bench/.venv/bin/pip install --quiet --upgrade pip
	bench/.venv/bin/pip install --quiet -r requirements-dev.txt -r bench/requirements.txt
	touch $@

bench: bench/.venv/bin/.installed
	bash scripts/start-databases
	bench/.venv/bin/python bench/run.py
