# Every target works from a fresh clone: the first one that needs the
# virtual environment creates it.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.goldseam-installed

.PHONY: run test bench bench-journal bench-review screenshots package clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@$(PY) -m compileall -q desktop/goldseam   # fast starts even where PYTHONDONTWRITEBYTECODE is set
	@touch $(STAMP)

run: $(STAMP)
	@$(VENV)/bin/goldseam $(ARGS)

test: $(STAMP)
	$(PY) -m pytest -q

bench: $(STAMP)
	$(PY) tests/benchmarks/run_benchmarks.py

bench-journal: $(STAMP)
	$(PY) tests/benchmarks/journal_bench.py

bench-review: $(STAMP)
	$(PY) tests/benchmarks/review_bench.py

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) packaging/screenshots/render.py packaging/screenshots

package: $(STAMP)
	$(PY) -m pip wheel --quiet --no-deps --no-build-isolation -w dist .

clean:
	rm -rf $(VENV) dist build .pytest_cache
