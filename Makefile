# SCRAIP: `make demo` to try it, `make test` to run every test. Both work on a fresh Debian machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := scraip.settings

.PHONY: demo test install assets lint audit serve clean bench bench-load

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

static/dist/scraip.css: node_modules/.package-lock.json static/src/scraip.scss static/src/pdf.scss
	npm run --silent build

install: $(VENV)/.installed

assets: static/dist/scraip.css

# The demo runs as production does, with debug off: WhiteNoise serves the collected static files
# and errors get the production pages (a 404 lists no URL patterns).
demo: install assets
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py collectstatic --noinput --clear --verbosity 0
	@echo "Serving SCRAIP on http://127.0.0.1:$(PORT)/ (Ctrl+C to stop)"
	DJANGO_DEBUG=0 $(BIN)/gunicorn scraip.wsgi --bind 127.0.0.1:$(PORT) --workers 2 --access-logfile -

# One test process per core (pytest-xdist); each has its own test database.
PYTEST_ARGS ?= -n auto
test: install assets
	$(BIN)/pytest $(PYTEST_ARGS)

# Speed as ratios (issue 14): every main page at a small and a large generated network (14 councils
# x 10 years), the PDFs before and after, written to bench-results/. LOAD=1 (or bench-load) adds
# gunicorn under load. The benchmark makes and caches databases of its own (SQLite files in the
# temp folder, or with DATABASE_URL on PostgreSQL its own databases on that server).
bench: install assets
	$(BIN)/python -m scraip.demo.bench $(if $(LOAD),--load)

bench-load: install assets
	$(BIN)/python -m scraip.demo.bench --only load

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

# Known vulnerabilities in the locked dependencies, from PyPI's advisory data. pip-audit lives in a
# virtualenv of its own so that its dependencies stay out of the application's.
audit:
	test -x .audit-venv/bin/pip-audit || ($(PYTHON) -m venv .audit-venv && .audit-venv/bin/pip install --quiet pip-audit==2.10.1)
	.audit-venv/bin/pip-audit --requirement requirements.lock --no-deps --disable-pip --strict

clean:
	rm -rf $(VENV) node_modules static/dist db.sqlite3*
