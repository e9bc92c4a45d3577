# Two commands matter: `make run` and `make test`. Both set themselves up.
#
# `make run` installs only what the app needs (requirements.lock); `make test` adds the
# development tools (requirements-dev.lock). Both locks carry hashes. uv installs them: from a
# warm cache it needs about a second where pip needs 45 s (docs/performance.md, "First run").
PYTHON ?= python3
PORT ?= 8501
VENV := .venv
BIN := $(VENV)/bin
UV := $(BIN)/uv
APP_STAMP := $(VENV)/.installed-app
DEV_STAMP := $(VENV)/.installed
INSTALL := $(UV) pip install --python $(BIN)/python

.PHONY: run test lint typecheck unit lock validate bench page-bench clean

# The venv, with the pinned uv in it (bootstrapped by pip, checked against its hashes).
$(UV): requirements-uv.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is required")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check --progress-bar off --require-hashes -r requirements-uv.lock
	touch $(UV)

# What the app needs to run: no test, lint or type-checking tools.
$(APP_STAMP): $(UV) requirements.lock pyproject.toml
	$(INSTALL) --require-hashes -r requirements.lock
	$(INSTALL) --no-deps -e .
	touch $(APP_STAMP)

# Everything `make test` needs, on top of the app's packages.
$(DEV_STAMP): $(APP_STAMP) requirements-dev.lock
	$(INSTALL) --require-hashes -r requirements-dev.lock
	touch $(DEV_STAMP)

run: $(APP_STAMP)
	READINESS_SEED_DEMO=$${READINESS_SEED_DEMO:-1} $(BIN)/streamlit run ui/server.py --server.port $(PORT) --server.headless true --browser.gatherUsageStats false

test: $(DEV_STAMP) lint typecheck
	$(BIN)/python -m pytest

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(DEV_STAMP)
	$(BIN)/mypy .

unit: $(DEV_STAMP)
	$(BIN)/python -m pytest tests/unit

validate: $(APP_STAMP)
	$(BIN)/readiness validate data

bench: $(APP_STAMP)
	$(BIN)/python benchmarks/scoring_bench.py

page-bench: $(DEV_STAMP)
	$(BIN)/python benchmarks/page_bench.py

# Regenerate the locks after changing dependencies in pyproject.toml.
lock: $(UV)
	$(UV) pip compile pyproject.toml --universal --python-version 3.11 --generate-hashes -o requirements.lock
	$(UV) pip compile pyproject.toml --extra dev --universal --python-version 3.11 --generate-hashes -o requirements-dev.lock

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache build *.egg-info
