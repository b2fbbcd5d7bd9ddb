# Thi Đua CCHC — one target per habit. Everything installs into .venv and node_modules; nothing global.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1
WORKERS ?= 3
# A request only receives an upload (≤ SURVEY_IMPORT_MAX_BYTES) and queues it; long work runs on the job queue.
GUNICORN_TIMEOUT ?= 60
export DJANGO_SETTINGS_MODULE := config.settings
# Typed core checked by mypy: services (every state change) and the pure arithmetic modules.
TYPED = $(wildcard thidua/*/services.py thidua/*/scoring.py thidua/*/indices.py) thidua/core/text.py \
	thidua/core/audit.py thidua/core/documents.py thidua/core/pdf.py thidua/campaigns/progress.py \
	thidua/campaigns/indicators.py thidua/campaigns/verdicts.py thidua/jobs/registry.py \
	thidua/awards/council.py thidua/awards/money.py thidua/core/panels.py

.PHONY: run serve install install-dev assets migrate demo test test-browser lint format messages bench clean

$(VENV)/.runtime: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.dev: $(VENV)/.runtime pyproject.toml
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.runtime assets
install-dev: $(VENV)/.dev assets
assets: node_modules/.installed

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py seed_demo --if-empty --force

run: demo
	@echo ""
	@echo "Thi Đua CCHC: http://$(HOST):$(PORT)/   (demo accounts, password thidua2021)"
	@echo "  noivu      standing office of the district (Phòng Nội vụ), until 30/06/2025"
	@echo "  chutich    chairman"
	@echo "  hoidong1   council member"
	@echo "  thanhtra   inspector"
	@echo "  xem        viewer (reads everything)"
	@echo "  canbo1     officer, UBND thị trấn Long Phú     thutruong1  head, UBND thị trấn Long Phú"
	@echo "  canbo2     officer, UBND xã Long Phú"
	@echo "  after 01/07/2025 (Cần Thơ city, the commune Long Phú):"
	@echo "  sonoivu    Sở Nội vụ, reads every commune      lp.vhxh     standing office (Phòng Văn hóa - Xã hội)"
	@echo "  lp.chutich chairman    lp.hoidong1  council    lp.kiemtra  inspector"
	@echo "  lp.canbo   officer, Trung tâm PVHCC           lp.giamdoc  its head"
	@echo ""
	@echo "  background worker and periodic work start beside the web server; Ctrl-C stops all three"
	@echo ""
	@trap 'kill 0' EXIT INT TERM; \
	$(PY) manage.py db_worker --queue-name '*' --interval 0.5 --no-startup-delay --no-reload & \
	$(PY) manage.py run_periodic --loop & \
	$(VENV)/bin/gunicorn config.wsgi:application --bind $(HOST):$(PORT) --workers $(WORKERS) \
		--access-logfile - --graceful-timeout 10 --timeout $(GUNICORN_TIMEOUT)

test: install-dev
	$(PY) -m pytest $(PYTEST_ARGS)

test-browser: install-dev
	$(PY) -m pytest -m browser $(PYTEST_ARGS)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy $(TYPED)
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check

format: install-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Needs GNU gettext (msgfmt); the compiled .mo files are committed so `make run` works without it.
messages: install-dev
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules

bench: install-dev
	$(PY) bench/run_all.py

clean:
	rm -rf var/static .pytest_cache
