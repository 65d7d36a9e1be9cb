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
# comments plugin overhead in make bench: comments in the corpus, interleaved runs with/without
BENCH_COMMENTS ?= 3000
BENCH_RUNS ?= 3
# news_images in make bench: articles with a synthetic 12 MP photo (image step cold/warm, overhead)
BENCH_IMAGES ?= 50

PELICANOPTS ?=
# newsroom_tools (plugins/newsroom_tools/README.md): the editor and publishing command-line tools.
TOOLS := PYTHONPATH=plugins $(BIN)/python -m newsroom_tools

.PHONY: help venv html clean regenerate serve devserver publish test test-csl lint format bench
.PHONY: new check rsync_upload github s3_upload
.PHONY: comment import-blogger

help:
	@echo 'make html        build content/ into output/ (development settings)'
	@echo 'make serve       serve output/ on http://localhost:$(PORT)'
	@echo 'make devserver   rebuild on change and serve on http://localhost:$(PORT)'
	@echo 'make regenerate  rebuild on change (no server)'
	@echo 'make publish     production build with publishconf.py (fails on any content error)'
	@echo '                 into a fresh folder, then swaps it in for $(OUTPUTDIR)/ at once'
	@echo 'make new TITLE="..." [CATEGORY=...] [AUTHOR=...]   start a new article (a draft)'
	@echo 'make check       check all content without building pages (every problem at once)'
	@echo 'make rsync_upload | github | s3_upload   publish, then deploy (README, "Deploying")'
	@echo 'make clean       remove output/'
	@echo 'make test        run the test suite'
	@echo 'make test-csl    citations engine against the vendored CSL test-suite fixtures'
	@echo 'make lint        ruff check + format check'
	@echo 'make bench       build benchmark on a synthetic corpus (BENCH_N=$(BENCH_N) articles)'
	@echo '                 and the comments plugin overhead (BENCH_COMMENTS, BENCH_RUNS; BENCH_OPTS=--instructions)'
	@echo 'make comment ARTICLE=<article-id> [REPLY_TO=<comment-id>]  new comment file to moderate'
	@echo 'make import-blogger FILE=<export.xml|feed.atom> [DOWNLOAD=1]  import a Blogger blog'

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
	$(TOOLS).devserver $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) -p $(PORT) $(PELICANOPTS)

publish: $(STAMP)
	$(TOOLS).publish $(INPUTDIR) -o $(OUTPUTDIR) -s $(PUBLISHCONF) $(PELICANOPTS)

# Values are passed single-quoted to the shell, so titles may contain spaces and quotes.
quote = '$(subst ','\'',$(1))'

new: $(STAMP)
	@$(TOOLS).new -s $(CONFFILE) --content $(INPUTDIR) --title $(call quote,$(TITLE)) \
		--category $(call quote,$(CATEGORY)) --author $(call quote,$(AUTHOR))

check: $(STAMP)
	@$(TOOLS).check -s $(PUBLISHCONF) $(INPUTDIR)

# Deploy targets: a fresh `make publish`, then the upload. Hosts, buckets and credentials come
# from environment variables only (README, "Deploying"); DRY_RUN=1 prints the commands.
rsync_upload: publish
	$(TOOLS).deploy rsync $(OUTPUTDIR)

github: publish
	$(TOOLS).deploy github $(OUTPUTDIR)

s3_upload: publish
	$(TOOLS).deploy s3 $(OUTPUTDIR)

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTESTOPTS)

# Not part of `make test`: the CSL processor test-suite (tests/csl-suite/, nothing fetched);
# fails when a fixture outside tests/csl-suite/known-failures.txt fails, or a listed one passes.
test-csl: $(STAMP)
	$(BIN)/python tests/csl_suite.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP)
	$(BIN)/python tests/bench.py --articles $(BENCH_N)
	$(BIN)/python tests/bench.py --articles $(BENCH_N) --comments $(BENCH_COMMENTS) --ab $(BENCH_RUNS) --without comments $(BENCH_OPTS)
	$(BIN)/python tests/bench.py --articles $(BENCH_N) --images $(BENCH_IMAGES) --ab $(BENCH_RUNS) --without news_images

# Scaffold content/comments/<article-id>/<new-id>.md (plugins/comments/README.md).
# Without ARTICLE it lists the article ids.
comment: $(STAMP)
	@PYTHONPATH=plugins $(BIN)/python -m comments --settings $(CONFFILE) --content $(INPUTDIR) new "$(ARTICLE)" $(if $(REPLY_TO),--reply-to "$(REPLY_TO)")

# Import a Blogger export into content/ and print what to do next (plugins/blogger_import/README.md).
# DOWNLOAD=1 also copies the images from Blogger's servers into content/images/<yyyy>/;
# the report is also saved to REPORT.
REPORT ?= blogger-import-report.txt
import-blogger: $(STAMP)
	@PYTHONPATH=plugins $(BIN)/python -m blogger_import -s $(CONFFILE) --content $(INPUTDIR) \
		--report $(call quote,$(REPORT)) $(if $(DOWNLOAD),--download) -- $(call quote,$(FILE))
