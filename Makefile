# The few verbs a newcomer needs. `make run` and `make test` set everything up on a fresh machine.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
APT_PACKAGES := chromium fonts-noto-core fonts-noto-cjk gettext libmagic1 libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
# pip's notices (running as root in a container, a newer pip exists) are nothing a newcomer can act on.
export PIP_ROOT_USER_ACTION := ignore
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test lint format bench bench-load seed-scale totp messages system-packages clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	@# setuptools warns on every editable install ("be careful with folders named like your package").
	PYTHONWARNINGS=ignore $(PY) -m pip install --quiet -e ".[dev]"
	@rm -f $(VENV)/.installed-* && touch $@

# Debian packages the browser tests, translations and the handbook PDF need (the machine is root; CI has no
# sudo). WeasyPrint lays text out with Pango/HarfBuzz; fonts-noto-core carries Noto Naskh/Sans Arabic and
# fonts-noto-cjk the Chinese glyphs.
system-packages:
	@missing=""; command -v chromium >/dev/null || missing="$$missing chromium"; \
	 command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	 dpkg -s fonts-noto-core >/dev/null 2>&1 || missing="$$missing fonts-noto-core"; \
	 dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing="$$missing fonts-noto-cjk"; \
	 dpkg -s libmagic1 >/dev/null 2>&1 || missing="$$missing libmagic1"; \
	 for pkg in libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0; do \
	   dpkg -s $$pkg >/dev/null 2>&1 || missing="$$missing $$pkg"; \
	 done; \
	 if [ -n "$$missing" ]; then \
	   echo "Installing Debian packages:$$missing"; \
	   $$(command -v sudo) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$(command -v sudo) apt-get install -y -qq --no-install-recommends $$missing; \
	 fi

messages: $(STAMP)
	@command -v msgfmt >/dev/null && $(PY) manage.py compilemessages --ignore=.venv -v0 || echo "msgfmt missing: using committed .mo files"

run: $(STAMP) messages
	$(PY) -m network.devstack run

# The static checks, listed once: `make lint` runs them alone, `make test` before the test suite.
CHECKS := $(PY) manage.py makemigrations --check --dry-run \
	&& $(VENV)/bin/ruff check . \
	&& $(VENV)/bin/ruff format --check . \
	&& $(VENV)/bin/mypy network experts practices forums advisory

# The suite runs on every core (at most 4 processes) and names its 20 slowest tests; `make test PYTEST_ARGS="tests/advisory -n 0"` runs a part in one.
PYTEST_ARGS ?= -n auto --maxprocesses=4 --durations=20

test: $(STAMP) system-packages messages
	$(PY) -m network.devstack exec -- bash -c '$(CHECKS) && $(PY) -m pytest $(PYTEST_ARGS)'

# With the embedded database up, so the migrations check also compares against the applied history.
lint: $(STAMP)
	$(PY) -m network.devstack exec -- bash -c '$(CHECKS)'

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: $(STAMP)
	$(PY) -m network.devstack exec -- bash -c '$(PY) bench/pages.py && $(PY) bench/handbook.py'

# The load benchmark (bench/load.py, docs/performance.md): gunicorn as in production, driven by wrk (installed from
# Debian when missing), on the database DATABASE_URL names. BENCH_ARGS="--duration 5s" for a smoke run,
# BENCH_ARGS="--database onse_scale" for the scale data on the embedded server.
BENCH_ARGS ?=
bench-load: $(STAMP)
	@command -v wrk >/dev/null || { echo "Installing Debian package: wrk"; \
	 $$(command -v sudo) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$(command -v sudo) apt-get install -y -qq --no-install-recommends wrk; }
	$(PY) -m network.devstack exec -- $(PY) bench/load.py $(BENCH_ARGS)

# The scale data for load tests (docs/performance.md): 20,000 experts … 500,000 posts in the database onse_scale,
# about two minutes. Nothing to do when it already holds the same data; SEED_SCALE_ARGS="--reset" starts again,
# "--small" seeds a few thousand rows, "--seed 2" other data. Serve it: python -m network.devstack exec --scale -- CMD
SEED_SCALE_ARGS ?=
seed-scale: $(STAMP)
	$(PY) -m network.devstack exec -- $(PY) manage.py seed_scale $(SEED_SCALE_ARGS)

totp: $(STAMP)
	@$(PY) -m network.devstack exec -- $(PY) manage.py demo_logins --code-only

clean:
	rm -rf $(VENV) .data staticfiles
