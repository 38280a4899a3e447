# Two commands do all the set-up: `make run` and `make test`.
# Both create .venv and install the project into it on first use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test bench
run: $(VENV)/installed
	$(PY) -m bot

test: $(VENV)/installed
	$(PY) -m pytest -n 4 --dist loadfile

bench: $(VENV)/installed
	$(PY) bench/bench_matcher.py

$(VENV)/installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@
