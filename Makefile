# Kabar Mbojo: build, preview, test and publish the site.
# Every target bootstraps .venv from requirements.txt by itself (and rebuilds it when
# requirements.txt changes), so a fresh machine needs only Python 3.11+ and make.

PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-requirements
PELICAN := $(BIN)/pelican

INPUTDIR := content
# The publish build alone writes OUTPUTDIR (what the deploy targets upload); every dev build
# (html, regenerate, serve, devserver) writes DEVOUTPUTDIR, so drafts and relative URLs never
# mix into the published tree.
OUTPUTDIR := output
DEVOUTPUTDIR := output-dev
CONFFILE := pelicanconf.py
PUBLISHCONF := publishconf.py
PORT ?= 8000
BENCH_N ?= 1000
# comments plugin overhead in make bench: comments in the corpus, interleaved runs with/without
BENCH_COMMENTS ?= 3000
BENCH_RUNS ?= 3
# news_images in make bench: articles with a synthetic 12 MP photo (image step cold/warm, overhead)
BENCH_IMAGES ?= 50
# search in make bench: the first-query budget (KB, gzip-served) on the realistic corpus of this size
BENCH_SEARCH_N ?= 5000
BENCH_SEARCH_BUDGET ?= 200

PELICANOPTS ?=
# newsroom_cli (plugins/newsroom_cli/README.md): the editor and publishing command-line tools.
TOOLS := PYTHONPATH=plugins $(BIN)/python -m newsroom_cli

# The one quoting helper: $(call quote,NAME) is the value of variable NAME as one single-quoted
# shell word. Tools get a value as --name=$(call quote,NAME), or after "--" when positional, so
# a value that starts with "-" (TITLE="--help", TITLE="-5 derajat") is never read as an option. $(value ...) takes the text as given, so neither make ($(shell ...)) nor the shell
# (`...`, $(...), ;) runs anything inside a value such as an article id pasted from an e-mail.
quote = '$(subst ','\'',$(value $(1)))'
# Several options in one variable (PELICANOPTS="-v --fatal warnings"): one quoted word each.
# Values typed on the command line (TITLE, ARTICLE, ...) are not exported to the tools'
# environment: make would expand them (and run a $(shell ...) in them) to build it.
unexport TITLE CATEGORY AUTHOR ARTICLE REPLY_TO FILE REPORT DOWNLOAD PELICANOPTS PYTESTOPTS BENCH_OPTS KIND REASON NOTE SEARCH FORCE
quote_words = $(foreach word,$(value $(1)),'$(subst ','\'',$(word))')
PELICAN_DEV = $(PELICAN) $(call quote,INPUTDIR) -o $(call quote,DEVOUTPUTDIR) -s $(call quote,CONFFILE)

.PHONY: help venv html clean regenerate serve devserver publish test test-browser coverage update-expected test-csl lint
.PHONY: format bench audit node-tools
.PHONY: new check rsync_upload github s3_upload
.PHONY: comment takedown import-blogger correction withdraw hak-jawab cms cms-tools

help:
	@echo 'make html        build content/ into output-dev/ (development settings, drafts shown)'
	@echo 'make serve       serve output-dev/ on http://localhost:'$(call quote,PORT)
	@echo 'make devserver   rebuild on change and serve on http://localhost:'$(call quote,PORT)
	@echo 'make regenerate  rebuild on change (no server)'
	@echo 'make publish     production build with publishconf.py (fails on any content error)'
	@echo '                 into a fresh folder, then swaps it in for output/ at once'
	@echo '                 nothing is built when no input changed and nothing is due (FORCE=1 builds anyway)'
	@echo 'make new TITLE="..." [CATEGORY=...] [AUTHOR=...]   start a new article (a draft)'
	@echo 'make check       check all content: the publish build into a folder it deletes (every problem at once)'
	@echo 'make rsync_upload | github | s3_upload   publish, then deploy (README, "Deploying")'
	@echo 'make clean       remove output-dev/ and output/'
	@echo 'make test        run the test suite (PYTEST_WORKERS=2 processes) without the browser tests'
	@echo 'make test-browser  the tests that drive Chromium (Playwright); CI runs both'
	@echo 'make coverage    the test suite under coverage.py: line coverage of plugins/ (htmlcov/)'
	@echo 'make update-expected  rewrite tests/fixtures/expected/ from tests/fixtures/site/ (review the diff)'
	@echo 'make test-csl    citations engine against the vendored CSL test-suite fixtures'
	@echo 'make lint        ruff check + format check'
	@echo 'make bench       build benchmark on a synthetic corpus (BENCH_N articles, 1000):'
	@echo '                 stock Pelican vs make publish, BENCH_RUNS interleaved rounds (BENCHMARKS.md)'
	@echo '                 and the comments plugin overhead (BENCH_COMMENTS, BENCH_RUNS; BENCH_OPTS=--instructions)'
	@echo 'make comment ARTICLE=<article-id> [REPLY_TO=<comment-id>]  new comment file to moderate'
	@echo 'make takedown ARTICLE=content/articles/<yyyy>/<file>.md   archive an article and its comments'
	@echo 'make icons       favicon set from the logo into theme/static/icons/ (commit the result)'
	@echo 'make node-tools  the pinned npm test tools (axe-core, Lighthouse) into tests/node/'
	@echo 'make cms         the web editor on http://127.0.0.1:'$(call quote,PORT)'/admin/ (local backend, README; CMS_MODE=git: editorial workflow on local branches)'
	@echo 'make cms-tools   the pinned Decap CMS and decap-server into tools/cms/node_modules/'
	@echo 'make audit       Lighthouse (mobile) on home, article, photo article, section, text page:'
	@echo '                 median scores, LCP, CLS, TBT of AUDIT_RUNS runs (3), CPU slowdown calibrated'
	@echo '                 to this machine (benchmarkIndex, Lighthouse calculator); not part of make test'
	@echo 'make correction ARTICLE=<id> KIND=koreksi|klarifikasi|pembaruan   new correction entry'
	@echo 'make withdraw ARTICLE=<id> REASON=<reason> [NOTE="..."]   withdraw a story (README)'
	@echo 'make hak-jawab ARTICLE=<id> [AUTHOR=...]   new draft hak jawab (right of reply)'
	@echo 'make import-blogger FILE=<export.xml|feed.atom> [DOWNLOAD=1]  import a Blogger blog'

venv: $(STAMP)

$(STAMP): requirements.txt
	@$(PY) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + "); run make PY=python3.11 ...")'
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check --quiet -r requirements.txt
	@touch $@

html: $(STAMP)
	$(PELICAN_DEV) $(call quote_words,PELICANOPTS)

clean:
	rm -rf $(call quote,DEVOUTPUTDIR) $(call quote,OUTPUTDIR)

regenerate: $(STAMP)
	$(PELICAN_DEV) -r $(call quote_words,PELICANOPTS)

serve: $(STAMP)
	$(PELICAN_DEV) -l -p $(call quote,PORT) $(call quote_words,PELICANOPTS)

# SEARCH=1: also build the search index on every rebuild (plugins/search/README.md).
devserver: $(STAMP)
	$(TOOLS).devserver $(call quote,INPUTDIR) -o $(call quote,DEVOUTPUTDIR) -s $(call quote,CONFFILE) \
		-p $(call quote,PORT) $(if $(value SEARCH),-e SEARCH_INDEX=true) $(call quote_words,PELICANOPTS)

publish: $(STAMP)
	$(TOOLS).publish $(call quote,INPUTDIR) -o $(call quote,OUTPUTDIR) -s $(call quote,PUBLISHCONF) \
		$(if $(value FORCE),--force) $(call quote_words,PELICANOPTS)

new: $(STAMP)
	@$(TOOLS).new -s $(call quote,CONFFILE) --content $(call quote,INPUTDIR) --title=$(call quote,TITLE) \
		--category=$(call quote,CATEGORY) --author=$(call quote,AUTHOR)

check: $(STAMP)
	@$(TOOLS).check -s $(call quote,PUBLISHCONF) $(call quote,INPUTDIR)

# Deploy targets: a fresh `make publish`, then the upload. Hosts, buckets and credentials come
# from environment variables only (README, "Deploying"); DRY_RUN=1 prints the commands.
rsync_upload: publish
	$(TOOLS).deploy rsync $(call quote,OUTPUTDIR)

github: publish
	$(TOOLS).deploy github $(call quote,OUTPUTDIR)

s3_upload: publish
	$(TOOLS).deploy s3 $(call quote,OUTPUTDIR)

# Two workers (pytest-xdist): each builds the session fixtures (the fixture site, Chromium) once;
# --dist loadfile keeps a test file on one worker, so a module fixture (a corpus site, a served
# editor) is built once, not once per worker; tests/conftest.py sends the slowest files first.
# PYTESTOPTS="-n 0" runs in one process.
# make test is the unit, functional and subprocess tiers; the tests that drive Chromium
# (marked `browser` by tests/conftest.py) are make test-browser. .ci/run runs both.
PYTEST_WORKERS ?= 2
PYTEST_DIST ?= loadfile
test: $(STAMP)
	$(BIN)/python -m pytest -n $(call quote,PYTEST_WORKERS) --dist $(call quote,PYTEST_DIST) \
		-m 'not browser' $(call quote_words,PYTESTOPTS)

test-browser: $(STAMP)
	$(BIN)/python -m pytest -n $(call quote,PYTEST_WORKERS) --dist $(call quote,PYTEST_DIST) \
		-m browser $(call quote_words,PYTESTOPTS)

# Line coverage of plugins/ (pyproject.toml [tool.coverage]): the suite as make test runs it,
# the xdist workers and the subprocess builds included; the report is printed and in htmlcov/.
coverage: $(STAMP)
	rm -f .coverage .coverage.*
	@# The report is made even when a test fails; the target still exits with pytest's status.
	$(BIN)/python -m coverage run -m pytest -n $(call quote,PYTEST_WORKERS) \
		--dist $(call quote,PYTEST_DIST) -m 'not browser' $(call quote_words,PYTESTOPTS); status=$$?; \
	$(BIN)/python -m coverage combine -q && $(BIN)/python -m coverage report && \
	$(BIN)/python -m coverage html -q; exit $$status

# Rewrites tests/fixtures/expected/ from the fixture site (tests/golden.py); review the diff.
update-expected: $(STAMP)
	$(BIN)/python tests/golden.py

# Not part of `make test`: the CSL processor test-suite (tests/csl-suite/, nothing fetched);
# fails when a fixture outside tests/csl-suite/known-failures.txt fails, or a listed one passes.
test-csl: $(STAMP)
	$(BIN)/python tests/csl_suite.py

# A merge resolved by committing both sides' conflict markers passed every other check once
# (BENCHMARKS.md, CHANGELOG.md): lint refuses them in any tracked file.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@! git grep -nE '^(<<<<<<<|>>>>>>>)( |$$)|^=======$$' -- . || \
		{ echo 'lint: merge conflict markers above: resolve them'; exit 1; }

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP)
	$(BIN)/python tests/bench_stock.py --articles $(call quote,BENCH_N) --rounds $(call quote,BENCH_RUNS)
	$(BIN)/python tests/bench_stock.py --terms
	$(BIN)/python tests/bench.py --articles $(call quote,BENCH_N)
	$(BIN)/python tests/bench.py --articles $(call quote,BENCH_N) --search
	$(BIN)/python tests/bench.py --articles $(call quote,BENCH_SEARCH_N) --search --corpus realistic \
		--budget $(call quote,BENCH_SEARCH_BUDGET)
	$(BIN)/python tests/bench.py --articles $(call quote,BENCH_N) --comments $(call quote,BENCH_COMMENTS) \
		--ab $(call quote,BENCH_RUNS) --without comments $(call quote_words,BENCH_OPTS)
	$(BIN)/python tests/bench.py --articles $(call quote,BENCH_N) --images $(call quote,BENCH_IMAGES) \
		--ab $(call quote,BENCH_RUNS) --without news_images

# Scaffold content/comments/<article-id>/<new-id>.md (plugins/comments/README.md).
# Without ARTICLE it lists the article ids.
comment: $(STAMP)
	@PYTHONPATH=plugins $(BIN)/python -m newsroom_cli.comment --settings $(call quote,CONFFILE) \
		--content $(call quote,INPUTDIR) new --reply-to=$(call quote,REPLY_TO) -- $(call quote,ARTICLE)

# Take an article off the site with its comments: both move to content/_arsip/ (never built).
takedown: $(STAMP)
	@$(TOOLS).takedown -s $(call quote,CONFFILE) --content $(call quote,INPUTDIR) -- $(call quote,ARTICLE)

# corrections plugin (plugins/corrections/README.md): one command per editorial act. Without
# ARTICLE they list the article ids. Values are single-quoted ($(quote)) and passed as
# --name=value, so a value starting with '-' is never read as an option.
CORRECTIONS := PYTHONPATH=plugins $(BIN)/python -m newsroom_cli.correction --settings $(call quote,CONFFILE) --content $(call quote,INPUTDIR)

correction: $(STAMP)
	@$(CORRECTIONS) correction --article=$(call quote,ARTICLE) --kind=$(call quote,KIND)

withdraw: $(STAMP)
	@$(CORRECTIONS) withdraw --article=$(call quote,ARTICLE) --reason=$(call quote,REASON) \
		--note=$(call quote,NOTE)

hak-jawab: $(STAMP)
	@$(CORRECTIONS) hak-jawab --article=$(call quote,ARTICLE) --author=$(call quote,AUTHOR)

# Import a Blogger export into content/ and print what to do next (plugins/newsroom_cli/blogger_import/README.md).
# DOWNLOAD=1 also copies the images from Blogger's servers into content/images/<yyyy>/;
# the report is also saved to REPORT.
REPORT ?= blogger-import-report.txt
import-blogger: $(STAMP)
	@PYTHONPATH=plugins $(BIN)/python -m newsroom_cli.blogger_import -s $(call quote,CONFFILE) \
		--content $(call quote,INPUTDIR) --report=$(call quote,REPORT) \
		$(if $(value DOWNLOAD),--download) -- $(call quote,FILE)

# front_page (plugins/front_page/README.md): favicon set from theme/static/images/logo.*
icons: $(STAMP)
	PYTHONPATH=plugins $(BIN)/python -m front_page.icons --theme theme

# npm ci in folder $(1) (its package-lock.json). A node_modules that is a link to another
# copy's install (a worktree or clone may link the one install): npm ci empties the folder a
# link points to, so that install is kept when it was made from the same package-lock.json, and
# refused otherwise; it was emptied by a `make cms` in a fresh clone, whose lock file is newer.
define npm_ci
	@if [ -L '$(1)/node_modules' ]; then \
	  lock="$$(readlink -f '$(1)/node_modules')/../package-lock.json"; \
	  if cmp -s '$(1)/package-lock.json' "$$lock"; then \
	    echo '$(1)/node_modules: a link to an install of the same package-lock.json, kept (no npm ci)'; \
	  else \
	    echo '$(1)/node_modules is a link to an install of another package-lock.json: npm ci would empty the folder it points to; remove the link, then make again' >&2; exit 1; \
	  fi; \
	else cd '$(1)' && npm ci --ignore-scripts --no-audit --no-fund; fi
endef

# axe-core for the browser tests and Lighthouse, pinned in tests/node/package-lock.json.
node-tools: tests/node/node_modules/.package-lock.json

tests/node/node_modules/.package-lock.json: tests/node/package-lock.json
	$(call npm_ci,tests/node)

# The web editor (plugins/cms/README.md): Decap CMS and decap-server, pinned in tools/cms/package-lock.json.
# The port of decap-server; another one needs CMS_LOCAL_BACKEND_URL to match (plugins/cms).
CMS_PORT ?= 8081
cms-tools: tools/cms/node_modules/.package-lock.json

tools/cms/node_modules/.package-lock.json: tools/cms/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo 'make cms-tools: npm is not installed (Debian: apt-get install npm); the site builds without /admin/' >&2; exit 1; }
	$(call npm_ci,tools/cms)

# decap-server (the local backend: reads and writes this repository's files) on 127.0.0.1 only,
# next to the dev server; the editor is http://127.0.0.1:$(PORT)/admin/. Ctrl-C stops both.
# CMS_MODE=git: the editorial workflow on local branches (cms/<collection>/<slug>, merged into
# main, CMS_BACKEND's branch, on Publish; it commits with `git add .`: start from a clean copy).
CMS_MODE ?= fs
cms: $(STAMP) cms-tools
	@PORT=$(call quote,CMS_PORT) BIND_HOST=127.0.0.1 GIT_REPO_DIRECTORY=$(call quote,CURDIR) \
		MODE=$(call quote,CMS_MODE) \
		node tools/cms/node_modules/decap-server/dist/index.js & server=$$!; \
	trap 'kill $$server 2>/dev/null' EXIT INT TERM; \
	$(TOOLS).devserver $(call quote,INPUTDIR) -o $(call quote,DEVOUTPUTDIR) -s $(call quote,CONFFILE) \
		-p $(call quote,PORT) $(call quote_words,PELICANOPTS)
# Lighthouse on a local publish build served like the hosts (gzip, Cache-Control): median
# scores, LCP and CLS per page type (tests/audit.py); exits non-zero below 100.
AUDIT_RUNS ?= 3
audit: $(STAMP) node-tools
	$(BIN)/python tests/audit.py --runs $(call quote,AUDIT_RUNS)
