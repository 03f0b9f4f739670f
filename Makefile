# Every target works from a fresh clone: the first one that needs the
# virtual environment creates it.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.goldseam-installed

# Compiled catalogues are built from resources/translations/*.po (standard library only), never committed.
CATALOGS := $(patsubst resources/translations/%.po,resources/translations/%/LC_MESSAGES/goldseam.mo,$(wildcard resources/translations/*.po))

.PHONY: run test test-reliability bench bench-speed bench-journal bench-review bench-look bench-stall bench-lock screenshots package clean translations

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,sound]'   # sound: the chime and cues are tested both ways
	@$(PY) -m compileall -q desktop/goldseam   # fast starts even where PYTHONDONTWRITEBYTECODE is set
	@touch $(STAMP)

resources/translations/%/LC_MESSAGES/goldseam.mo: resources/translations/%.po packaging/i18n/po.py packaging/i18n/compile.py
	@$(PYTHON) packaging/i18n/compile.py

# After changing what the app says: the .pot again, de.po brought up to it (new messages empty), compiled.
translations:
	$(PYTHON) packaging/i18n/extract.py --merge de
	$(PYTHON) packaging/i18n/compile.py

run: $(STAMP) $(CATALOGS)
	@$(VENV)/bin/goldseam $(ARGS)

test: $(STAMP) $(CATALOGS)
	$(PY) -m pytest -q

# The kill loops run longer than in `make test` (minutes): the lock turned on, changed and off 400 times.
test-reliability: $(STAMP) $(CATALOGS)
	GOLDSEAM_LOCK_KILLS=400 $(PY) -m pytest -q tests/integration/test_lock_kills.py tests/integration/test_crash.py

bench: $(STAMP) $(CATALOGS)
	$(PY) tests/benchmarks/run_benchmarks.py

bench-speed: $(STAMP) $(CATALOGS)
	$(PY) tests/benchmarks/speed_bench.py

bench-journal: $(STAMP)
	$(PY) tests/benchmarks/journal_bench.py

bench-review: $(STAMP)
	$(PY) tests/benchmarks/review_bench.py

bench-look: $(STAMP) $(CATALOGS)
	$(PY) tests/benchmarks/look_bench.py

bench-stall: $(STAMP) $(CATALOGS)
	$(PY) tests/benchmarks/stall_bench.py

bench-lock: $(STAMP)
	$(PY) tests/benchmarks/lock_bench.py

screenshots: $(STAMP) $(CATALOGS)
	QT_QPA_PLATFORM=offscreen $(PY) packaging/screenshots/render.py packaging/screenshots

package: $(STAMP)
	$(PY) -m pip wheel --quiet --no-deps --no-build-isolation -w dist .

clean:
	rm -rf $(VENV) dist build .pytest_cache resources/translations/*/

# Desktop integration (install-desktop, uninstall-desktop, icons) and the standalone program
# (bundle, deb) each keep their targets beside their files.
include packaging/linux/desktop.mk
include packaging/pyinstaller/bundle.mk
