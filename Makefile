# Trofast: `make run` starts the demo, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The demo needs the runtime requirements only; tests and tools add the dev ones.
RUNTIME_STAMP := $(VENV)/.installed-runtime
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: run test install install-runtime lint format messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUNTIME_STAMP): requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $(RUNTIME_STAMP)

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(RUNTIME_STAMP) $(DEV_STAMP)

install-runtime: $(RUNTIME_STAMP)
install: $(DEV_STAMP)

# The demo: SQLite, Celery eager, 2FA off (with a visible banner), demo data seeded once.
run: export DJANGO_DEBUG ?= 1
run: export REQUIRE_2FA ?= 0
run: install-runtime
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo --if-empty
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# In parallel, one test database per worker (pytest-xdist); PYTEST_ARGS="-n 0" runs in one process.
PYTEST_ARGS ?= -n auto --dist loadgroup
test: export DJANGO_DEBUG ?= 1
test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Regenerate and compile the translation catalogues (needs gettext).
messages: export DJANGO_DEBUG ?= 1
messages: install
	$(BIN)/python manage.py makemessages -l nb -l en --no-location --no-obsolete --ignore=.venv --ignore=staticfiles --ignore=test-artifacts
	$(BIN)/python scripts/i18n.py copy-english locale/en/LC_MESSAGES/django.po
	# Once more, so the English catalogue is wrapped as makemessages (and CI) writes it.
	$(BIN)/python manage.py makemessages -l en --no-location --no-obsolete --ignore=.venv --ignore=staticfiles --ignore=test-artifacts
	$(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) staticfiles db.sqlite3
