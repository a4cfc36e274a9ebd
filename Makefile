# Seller Checklists — every command a contributor or CI needs.
# `make serve` and `make test` are the two you need; `make help` lists the rest.

PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8000
export NO_MKDOCS_2_WARNING := 1

.DEFAULT_GOAL := help
.PHONY: help serve build check test schema new pages bench audit engines clean lock translations translate

help:  ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/$$(PORT)/$(PORT)/g' \
	  | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

# The venv is (re)built when missing or older than pyproject.toml or the lock file.
$(STAMP): pyproject.toml requirements.lock
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed: install python3.11 (Debian: apt-get install python3.11 python3.11-venv)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[test]'
	touch $(STAMP)

serve: $(STAMP)  ## Preview the site at http://127.0.0.1:$(PORT) with live reload
	@$(BIN)/python -c "import socket, sys; sys.exit(socket.socket().connect_ex(('127.0.0.1', $(PORT))) == 0)" \
	  || { echo "port $(PORT) is in use: make serve PORT=$$(($(PORT) + 1))"; exit 1; }
	$(BIN)/mkdocs serve --livereload --dev-addr 127.0.0.1:$(PORT)

check: $(STAMP)  ## Validate the data only (fast; no build)
	$(BIN)/python -m macros.cli check

build: check  ## Strict build of the site into site/
	$(BIN)/mkdocs build --strict --site-dir site

# Two workers (pytest-xdist), one module per worker at a time: on 2 cores the browser and the
# build tests overlap. Plain `pytest` runs the same tests one after another.
test: check  ## Run the whole test suite (data, build, browser)
	$(BIN)/python -m pytest -n 2 --dist loadscope

schema: $(STAMP)  ## Regenerate schema/*.schema.json from the model
	$(BIN)/python -m macros.cli schema

new: $(STAMP)  ## Scaffold a procedure: make new PLATFORM=amazon SLUG=close-account
	$(BIN)/python -m macros.cli new "$(PLATFORM)" "$(SLUG)"

# Translations (CONTRIBUTING.md, "Translating"). LANG is also the shell's locale variable: only a
# LANG given on the command line names a language (zh otherwise), and Python runs in a UTF-8 locale.
TRANSLATION_LANG = $(if $(filter command line,$(origin LANG)),$(LANG),zh)
IN_UTF8 := env LANG=C.UTF-8 PYTHONIOENCODING=utf-8

translations: $(STAMP)  ## Where each translation stands: make translations (LANG=zh)
	@$(IN_UTF8) $(BIN)/python -m macros.cli translations --lang "$(TRANSLATION_LANG)"

translate: $(STAMP)  ## Write/refresh a translation: make translate LANG=zh FILE=data/procedures/x/y.yml
	@test -n "$(FILE)" || { echo "make translate: say which file, e.g. make translate LANG=zh FILE=data/procedures/wish/close-account.yml"; exit 2; }
	@$(IN_UTF8) $(BIN)/python -m macros.cli translate "$(TRANSLATION_LANG)" "$(FILE)"

pages: $(STAMP)  ## Write the generated pages for any engine: make pages OUT=build/pages
	$(BIN)/python -m macros.cli pages "$(or $(OUT),build/pages)" --with-docs

bench: $(STAMP)  ## Benchmarks: build time and size at 10/100/1,000 procedures vs plain Material
	$(BIN)/python benchmarks/bench.py
	$(BIN)/python benchmarks/bench.py --sizes 1000 --platforms 2 --repeat 1  # 500 guides per platform

audit: check  ## Lighthouse, Nu HTML Checker and link checks (builds and serves the site itself)
	$(BIN)/python benchmarks/audit.py

# A second engine: ProperDocs (MkDocs 1.x continued) builds the site and the page tests run on
# that build; then the newest installable Zensical is tried on `macros.cli pages` and its gaps
# listed (never a failure). Not part of `make test`: CI runs it in a job of its own.
ENGINES := .venv-engines
$(ENGINES)/.installed: pyproject.toml requirements.lock requirements-engines.lock
	test -x $(ENGINES)/bin/python || $(PYTHON) -m venv $(ENGINES)
	$(ENGINES)/bin/python -m pip install --quiet --disable-pip-version-check -c requirements.lock pip
	$(ENGINES)/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements-engines.lock
	$(ENGINES)/bin/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[test]'
	touch $@

engines: $(ENGINES)/.installed  ## Build with ProperDocs and run the page tests on it; try Zensical
	SELLER_CHECKLISTS_ENGINE=properdocs $(ENGINES)/bin/python -m pytest -q -p no:cacheprovider \
	  tests/test_site.py tests/test_engine_neutral.py $(wildcard tests/test_hostile_inert.py)
	$(ENGINES)/bin/python benchmarks/try_zensical.py

lock: $(STAMP)  ## Rewrite requirements.lock from the current venv
	$(BIN)/python -m pip freeze --exclude-editable > requirements.lock

clean:  ## Remove the build output and the venv
	rm -rf site build $(VENV) $(ENGINES) .venv-zensical .pytest_cache
