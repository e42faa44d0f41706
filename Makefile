# The template's two commands: `make demo` and `make test` (what .ci/run calls).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint

$(BIN)/.installed: requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

demo: $(BIN)/.installed
	bash scripts/demo

lint: $(BIN)/.installed
	$(BIN)/ruff check hooks tests
	$(BIN)/ruff format --check hooks tests

test: lint
	bash scripts/start-databases
	$(BIN)/pytest
