# The two commands of the README, plus the checks contributors run.
# Every target creates .venv and installs requirements-dev.txt first.

VENV := .venv
PYTHON := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: example test lint golden bench clean

$(STAMP): requirements.txt requirements-dev.txt
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

example: $(STAMP)
	$(PYTHON) scripts/run_example.py

test: $(STAMP)
	$(PYTHON) -m pytest

lint: $(STAMP)
	$(PYTHON) -m ruff check .
	$(PYTHON) -m ruff format --check .
	$(PYTHON) -m mypy

golden: $(STAMP)
	$(PYTHON) scripts/update_golden.py

# Times copy, update, validation and the test suite; writes BENCHMARKS.md.
bench: $(STAMP)
	$(PYTHON) scripts/benchmark.py --write

clean:
	rm -rf $(VENV) build
