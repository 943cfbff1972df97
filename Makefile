# The WSR Collaborative platform. `make run` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MANAGE := $(BIN)/python manage.py
PYTEST_ARGS ?=
# The suite runs on every core (pytest-xdist); the browser journeys stay together on one
# worker (they share one seeded demo), the rest is spread over the others.
TEST_WORKERS ?= auto

.PHONY: run test test-browser lint fmt format migrations-check messages compilemessages install seed totp check-deploy clean

# requirements.lock is what production installs (the image); requirements-dev.lock adds the
# tools that test and lint (same pins for what both hold).
$(STAMP): requirements-dev.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.lock
	touch $(STAMP)

install: $(STAMP)

# The server and the scheduler (beat; a worker too when REDIS_URL is set), stopped together
# by Ctrl-C: wsr/site/management/commands/run_embedded.py (issue 18).
run: $(STAMP)
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	$(MANAGE) run_embedded 127.0.0.1:8000

seed: $(STAMP)
	$(MANAGE) seed_demo

totp: $(STAMP)
	@$(MANAGE) demo_totp

test: $(STAMP)
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

test-browser: $(STAMP)
	$(BIN)/python -m pytest -m browser $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

migrations-check: $(STAMP)
	$(MANAGE) makemigrations --check --dry-run

messages: $(STAMP)
	$(MANAGE) makemessages -l es --ignore=.venv --ignore=tests --ignore=node_modules --ignore=var --ignore=staticfiles

compilemessages: $(STAMP)
	$(MANAGE) compilemessages --ignore=.venv

lock:
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -o requirements-dev.lock
	$(BIN)/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes -c requirements-dev.lock -o requirements.lock

clean:
	rm -rf $(VENV) var staticfiles
