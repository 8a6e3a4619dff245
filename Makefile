# Two commands on a fresh machine: `make run` and `make test`.
# The first Python that really runs and is 3.12 or newer is used for the virtualenv:
# python3.13, python3.12, python3, then pyenv's installed versions (newest first).

VENV ?= .venv
VENV_PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Test processes (pytest-xdist): one per core, at most 4; TEST_WORKERS=0 runs the suite in this process.
TEST_WORKERS ?= auto

PYTHON_CANDIDATES = python3.13 python3.12 python3 \
	$(shell ls -d "$$(pyenv root 2>/dev/null)"/versions/*/bin/python3 2>/dev/null | sort -rV)
ifndef PYTHON
PYTHON := $(shell for p in $(PYTHON_CANDIDATES); do \
	"$$p" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 && { command -v "$$p"; break; }; \
	done)
endif

.PHONY: run test test-fast lint venv migrate demo python clean

python:
	@test -n "$(PYTHON)" || { echo "No Python 3.12 or newer found (tried: $(PYTHON_CANDIDATES))" >&2; exit 1; }
	@echo $(PYTHON)

$(VENV)/.installed: requirements.txt
	@test -n "$(PYTHON)" || { echo "No Python 3.12 or newer found (tried: $(PYTHON_CANDIDATES))" >&2; exit 1; }
	@test -x $(VENV_PY) && $(VENV_PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
		|| { rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); }
	$(VENV_PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

venv: $(VENV)/.installed

migrate: venv
	DJANGO_DEBUG=1 $(VENV_PY) manage.py migrate --noinput

demo: migrate
	DJANGO_DEBUG=1 $(VENV_PY) manage.py load_demo
	DJANGO_DEBUG=1 $(VENV_PY) manage.py create_local_editor --url http://$(HOST):$(PORT)/admin/

run: demo
	DJANGO_DEBUG=1 $(VENV_PY) manage.py runserver $(HOST):$(PORT)

test: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV_PY) -m pytest --numprocesses=$(TEST_WORKERS) --maxprocesses=4 $(PYTEST_ARGS)

# The pure core only (tests/core, marker core: no database): seconds, for the edit-test loop.
test-fast: venv
	$(VENV_PY) -m pytest -m core -q $(PYTEST_ARGS)

lint: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
