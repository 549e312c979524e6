# Hearth: everyday tasks. `make` alone lists them.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

VENV   := .venv
PYTHON := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
REQUIREMENTS := requirements.txt requirements-dev.txt constraints.txt

# Extra arguments, e.g. `make test PYTEST_ARGS="-k timescales"`, `make bench BENCH_ARGS="--scale demo"`.
PYTEST_ARGS ?=
BENCH_ARGS  ?=
# `make loadtest LOADTEST_ARGS="--rate 100 --duration 60"`; `python -m hearth loadtest --help` lists the options.
LOADTEST_ARGS ?=

export PIP_DISABLE_PIP_VERSION_CHECK := 1
export PIP_NO_INPUT := 1

.PHONY: help install pdf-libs migrate seed demo serve browser test bench loadtest lint clean

help: ## List the targets
	@echo "Hearth: make <target>"
	@grep -E '^[a-z][a-z-]*:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## (.*)$$/  \1\t\2/' | expand -t 12

install: $(STAMP) pdf-libs ## Create .venv and install the pinned dependencies (only when they change)

pdf-libs: ## Make sure the system libraries for PDFs (pango) and pdftotext are installed
	@bash scripts/ensure-pdf-libs.sh

$(STAMP): $(REQUIREMENTS)
	@if [ ! -x $(PYTHON) ]; then \
	  echo "Creating $(VENV) with $$(python3 --version)"; \
	  if ! python3 -m venv $(VENV); then \
	    if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	      echo "python3 -m venv failed; installing Debian's python3-venv"; \
	      rm -rf $(VENV); \
	      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null; \
	      python3 -m venv $(VENV); \
	    else \
	      echo "Could not create $(VENV). On Debian run: sudo apt-get install python3-venv" >&2; exit 1; \
	    fi; \
	  fi; \
	fi
	@echo "Installing requirements-dev.txt with constraints.txt into $(VENV)"
	$(PYTHON) -m pip install --quiet -r requirements-dev.txt -c constraints.txt
	@touch $@

migrate: install ## Apply database migrations (var/hearth.sqlite3 unless DATABASE_URL is set)
	$(PYTHON) manage.py migrate --noinput

seed: migrate ## Load the demo data set (idempotent) and print the demo logins
	$(PYTHON) -m hearth seed --scale demo

demo: seed ## Install, migrate, seed, then serve at http://127.0.0.1:8000
	@echo
	@echo "Hearth is at http://127.0.0.1:8000"
	@echo "Sign in with one of the demo logins printed above. Stop with Ctrl+C."
	@echo
	$(PYTHON) manage.py runserver 127.0.0.1:8000

# Production's serving on loopback: Gunicorn (config/gunicorn.conf.py), no debug, hashed and compressed static
# files (collected into var/static), over the demo database; plain HTTP, so config/settings/serve.py.
serve: seed var/static/staticfiles.json ## Serve the demo with Gunicorn and production-like settings at http://127.0.0.1:8000
	@echo
	@echo "Hearth (Gunicorn) is at http://127.0.0.1:8000. Stop with Ctrl+C."
	@echo
	DJANGO_SETTINGS_MODULE=config.settings.serve $(VENV)/bin/gunicorn -c config/gunicorn.conf.py config.wsgi

# Collected again only when a file under hearth/static changes (compressing every file takes a while).
var/static/staticfiles.json: $(shell find hearth/static -type f) | install
	DJANGO_SETTINGS_MODULE=config.settings.serve $(PYTHON) manage.py collectstatic --noinput --verbosity 0

browser: ## Make sure Debian's chromium is installed (browser tests drive it)
	@bash scripts/ensure-chromium.sh

lint: install ## Check the code with ruff
	$(VENV)/bin/ruff check .

# pytest-django builds its own test database, so var/hearth.sqlite3 is never touched. The suite runs in one process
# per CPU (pytest-xdist; each worker its own test database and browser); `make test TEST_WORKERS=0` runs it in one.
# A worker that runs out of tests takes some of another's (worksteal): a few tests take minutes (a seeded council), and
# handed out in fixed shares they left one worker finishing alone.
TEST_WORKERS ?= auto
# Playwright runs an event loop in the test thread; Django must be told that is fine.
test: install browser ## Lint, then run the whole test suite (set DATABASE_URL for PostgreSQL)
	$(VENV)/bin/ruff check .
	export DJANGO_SETTINGS_MODULE=config.settings.test DJANGO_ALLOW_ASYNC_UNSAFE=true; \
	$(PYTHON) -m pytest -n $(TEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

bench: install ## Measure page and query timings (pass options with BENCH_ARGS=...)
	$(PYTHON) -m hearth bench $(BENCH_ARGS)

# The PostgreSQL cluster is kept under var/bench/postgres, so the la council is seeded once (a few minutes).
loadtest: install ## Load Gunicorn on PostgreSQL with Locust at 100 requests a second (var/bench/load.json)
	HEARTH_PG_KEEP=var/bench/postgres scripts/with-postgres.sh $(PYTHON) -m hearth loadtest $(LOADTEST_ARGS)

clean: ## Remove var/ and test artefacts (keeps .venv)
	rm -rf var test-results .pytest_cache .ruff_cache .hypothesis
	find . -path ./$(VENV) -prune -o -path ./.git -prune -o -name __pycache__ -type d -print0 | xargs -0 rm -rf
