# Kabar Mbojo: build, preview, test and publish the site.
# Every target bootstraps .venv from requirements.txt by itself (and rebuilds it when
# requirements.txt changes), so a fresh machine needs only Python 3.11+ and make.

PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-requirements
PELICAN := $(BIN)/pelican

INPUTDIR := content
OUTPUTDIR := output
CONFFILE := pelicanconf.py
PUBLISHCONF := publishconf.py
PORT ?= 8000
BENCH_N ?= 1000

PELICANOPTS ?=

.PHONY: help venv html clean regenerate serve devserver publish test lint format bench

help:
	@echo 'make html        build content/ into output/ (development settings)'
	@echo 'make serve       serve output/ on http://localhost:$(PORT)'
	@echo 'make devserver   rebuild on change and serve on http://localhost:$(PORT)'
	@echo 'make regenerate  rebuild on change (no server)'
	@echo 'make publish     production build with publishconf.py (fails on any content error)'
	@echo 'make clean       remove output/'
	@echo 'make test        run the test suite'
	@echo 'make lint        ruff check + format check'
	@echo 'make bench       build benchmark on a synthetic corpus (BENCH_N=$(BENCH_N) articles)'

venv: $(STAMP)

$(STAMP): requirements.txt
	@$(PY) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + "); run make PY=python3.11 ...")'
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check --quiet -r requirements.txt
	@touch $@

html: $(STAMP)
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) $(PELICANOPTS)

clean:
	rm -rf $(OUTPUTDIR)

regenerate: $(STAMP)
	$(PELICAN) -r $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) $(PELICANOPTS)

serve: $(STAMP)
	$(PELICAN) -l $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) -p $(PORT) $(PELICANOPTS)

devserver: $(STAMP)
	$(PELICAN) -lr $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) -p $(PORT) $(PELICANOPTS)

publish: $(STAMP)
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(PUBLISHCONF) $(PELICANOPTS)

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTESTOPTS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP)
	$(BIN)/python tests/bench.py --articles $(BENCH_N)
