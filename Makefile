# The template's two commands: `make demo` and `make test` (what .ci/run calls); and
# `make bench`, which measures a baked project (the tests run it once, briefly, to keep it
# working), and `make mutation`, which measures how many deliberate bugs a bake's tests catch.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint bench soak mutation

$(BIN)/.installed: requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

demo: $(BIN)/.installed
	bash scripts/demo

lint: $(BIN)/.installed
	$(BIN)/ruff check hooks tests bench scripts
	$(BIN)/ruff format --check hooks tests bench scripts

test: lint bench/.venv/bin/.installed
	bash scripts/start-databases
	bash scripts/install-browser
	$(BIN)/pytest -n 2 --dist load --maxschedchunk 1 --durations=15

# Its own virtualenv: the peer it measures against must not leak into the tests' environment.
# `make test` builds it too: tests/test_bench.py runs the benchmark's smoke mode with it.
bench/.venv/bin/.installed: requirements-dev.txt bench/requirements.txt
	$(PYTHON) -m venv bench/.venv
	bench/.venv/bin/pip install --quiet --upgrade pip
	bench/.venv/bin/pip install --quiet -r requirements-dev.txt -r bench/requirements.txt
	touch $@

bench: bench/.venv/bin/.installed
	bash scripts/start-databases
	bench/.venv/bin/python -m bench.run

# SOAK_SECONDS=60 by default; tests/test_soak.py runs a shorter one as part of `make test`.
soak: $(BIN)/.installed
	bash scripts/start-databases
	$(BIN)/python -m bench.soak

# MODULES="security throttling" narrows it to some of the modules scripts/mutation.py names.
mutation: $(BIN)/.installed
	$(BIN)/python scripts/mutation.py $(MODULES)
