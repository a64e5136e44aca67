# Scholia: `make run` serves the demo site locally, `make test` runs every check,
# `make manage ARGS="..."` runs a manage.py command with the local settings.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
RUN_STAMP := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test
CHROMIUM := /usr/bin/chromium

# Tests never run collectstatic and need no real secret.
TEST_ENV := DJANGO_SECRET_KEY=insecure-test-only-key \
	DJANGO_ALLOWED_HOSTS=testserver,127.0.0.1,localhost \
	DJANGO_STATICFILES_STORAGE=django.contrib.staticfiles.storage.StaticFilesStorage \
	DJANGO_SECURE_SSL_REDIRECT=0

# What `make run` and `make manage` run with: local development settings.
LOCAL_ENV := DJANGO_DEBUG=1

.PHONY: run manage test lint check-deploy scheduler clean

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Scholia needs Python 3.11 or newer (set PYTHON=python3.x)."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml | $(PY)
	$(PIP) install --quiet .
	touch $@

$(TEST_STAMP): pyproject.toml | $(PY)
	$(PIP) install --quiet ".[test]"
	touch $@

# run seeds the demo content on an empty site only, and publishes scheduled pages
# and snippets every minute in the background.
run: $(RUN_STAMP)
	@export $(LOCAL_ENV); \
	$(PY) manage.py migrate --noinput && \
	$(PY) manage.py load_demo_content --if-empty && \
	$(PY) manage.py ensure_local_admin || exit 1; \
	( while true; do $(PY) manage.py publish_scheduled; sleep 60; done ) & \
	scheduler=$$!; trap 'kill $$scheduler 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:8000

# Any manage.py command with the local settings, e.g. make manage ARGS="check".
manage: $(RUN_STAMP)
	@$(LOCAL_ENV) $(PY) manage.py $(ARGS)

# The same loop as docker-compose's scheduler service, in the foreground.
scheduler: $(RUN_STAMP)
	export $(LOCAL_ENV); while true; do $(PY) manage.py publish_scheduled; sleep 60; done

$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	else sudo apt-get update -qq && sudo apt-get install -y -qq chromium; fi

# The CSS linter (stylelint) is a development tool from npm, pinned in package-lock.json.
NODE_STAMP := node_modules/.installed

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Templates: djhtml's indentation, and no line over 120 characters
# (tests/test_architecture.py checks the length too).
lint: $(TEST_STAMP) $(NODE_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check templates */templates
	npx --no-install stylelint "static/css/**/*.css"
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run
	$(TEST_ENV) $(PY) manage.py check

check-deploy: $(RUN_STAMP)
	DJANGO_SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	DJANGO_ALLOWED_HOSTS=scholia.example DJANGO_DEBUG=0 \
	$(PY) manage.py check --deploy --fail-level WARNING

test: $(TEST_STAMP) $(CHROMIUM) lint check-deploy
	$(TEST_ENV) $(VENV)/bin/pytest

clean:
	rm -rf $(VENV) staticfiles artifacts
