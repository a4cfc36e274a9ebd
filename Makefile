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

# The venv is (re)built when missing or older than pyproject.toml or the lock file. Every file
# pip installs is checked against the sha256 hashes in requirements.lock, which locks pip and
# setuptools too. Those two go in first: the locked pip installs the rest in a third of the time
# the venv's own pip takes, and the locked setuptools builds what has no wheel (jieba)
# and then the project itself, editable (no build isolation: an isolated build would fetch a
# setuptools no hash checks). setuptools' one notice about editable installs (folders named like
# the package may shadow it) is only information and is silenced; `pip check` proves that the
# lock left nothing out. $(call install_locked,VENV,LOCK FILES) does it all.
PIP := -m pip --disable-pip-version-check
install_locked = sed -n -E '/^(pip|setuptools)==/,/[^\\]$$/p' requirements.lock > $(1)/bootstrap.lock \
	&& $(1)/bin/python $(PIP) install --quiet --require-hashes --no-deps -r $(1)/bootstrap.lock \
	&& $(1)/bin/python $(PIP) install --quiet --require-hashes --no-deps --no-build-isolation $(addprefix -r ,$(2)) \
	&& PYTHONWARNINGS='ignore:Editable installation' \
	   $(1)/bin/python $(PIP) install --quiet --no-deps --no-build-isolation -e . \
	&& $(1)/bin/python $(PIP) check --quiet

$(STAMP): pyproject.toml requirements.lock
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed: install python3.11 (Debian: apt-get install python3.11 python3.11-venv)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(call install_locked,$(VENV),requirements.lock)
	touch $(STAMP)

# `make serve` previews one edition with live reload: English, or Chinese with SITE=zh
# (mkdocs.zh.yml, at http://127.0.0.1:$(PORT)/zh/). Run both side by side on two ports:
# `make serve` and `make serve SITE=zh PORT=8001`; the language switch then links the other
# port's edition only after `make build` (see README).
SITE_CONFIG = $(if $(filter zh,$(SITE)),mkdocs.zh.yml,mkdocs.yml)
serve: $(STAMP)  ## Preview the site at http://127.0.0.1:$(PORT) with live reload (SITE=zh: the Chinese edition)
	@$(BIN)/python -c "import socket, sys; sys.exit(socket.socket().connect_ex(('127.0.0.1', $(PORT))) == 0)" \
	  || { echo "port $(PORT) is in use: make serve PORT=$$(($(PORT) + 1))"; exit 1; }
	$(BIN)/mkdocs serve --livereload $(if $(FULL),,--dirty) --config-file $(SITE_CONFIG) --dev-addr 127.0.0.1:$(PORT)

check: $(STAMP)  ## Validate the data only (fast; no build)
	$(BIN)/python -m macros.cli check

# Both editions: English first (it cleans site/), then Chinese into site/zh/.
build: check  ## Strict build of the site into site/ (English) and site/zh/ (Chinese)
	$(BIN)/mkdocs build --strict --site-dir site
	$(BIN)/mkdocs build --strict --config-file mkdocs.zh.yml --site-dir site/zh

# Two workers (pytest-xdist), one module (or named group, tests/conftest.py) per worker at a
# time: on 2 cores the browser and the build tests overlap. Plain `pytest` runs the same tests
# one after another.
# Python keeps the compiled test modules (__pycache__/, ignored by git), so a second run skips
# compiling and rewriting their asserts: about 1.7 s per worker. Some shells and CI images set
# PYTHONDONTWRITEBYTECODE, which would make every run a first run.
test: check  ## Run the whole test suite (data, build, browser)
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m pytest -n 2 --dist loadgroup

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

# Both runs always run, the second with 500 guides per platform (a missed target in the first
# would otherwise skip it); make bench fails after them when either missed a target.
bench: $(STAMP)  ## Benchmarks: build time and size at 10/100/1,000 procedures vs plain Material
	@missed=0; \
	$(BIN)/python benchmarks/bench.py || missed=1; \
	$(BIN)/python benchmarks/bench.py --sizes 1000 --platforms 2 --repeat 1 || missed=1; \
	exit $$missed

audit: check  ## Lighthouse, Nu HTML Checker and link checks (builds and serves the site itself)
	$(BIN)/python benchmarks/audit.py

# A second engine: ProperDocs (MkDocs 1.x continued) builds the site and the page tests run on
# that build; then the newest installable Zensical is tried on `macros.cli pages` and its gaps
# listed (never a failure). Not part of `make test`: CI runs it in a job of its own.
ENGINES := .venv-engines
$(ENGINES)/.installed: pyproject.toml requirements.lock requirements-engines.lock
	test -x $(ENGINES)/bin/python || $(PYTHON) -m venv $(ENGINES)
	$(call install_locked,$(ENGINES),requirements.lock requirements-engines.lock)
	touch $@

engines: $(ENGINES)/.installed  ## Build with ProperDocs and run the page tests on it; try Zensical
	SELLER_CHECKLISTS_ENGINE=properdocs $(ENGINES)/bin/python -m pytest -q -p no:cacheprovider \
	  tests/test_site.py tests/test_engine_neutral.py $(wildcard tests/test_hostile_inert.py)
	$(ENGINES)/bin/python benchmarks/try_zensical.py

# requirements.lock pins every package of the venv, pip and setuptools included, each with the
# sha256 of every file PyPI has for that version (the wheels for Linux, macOS and Windows, and the
# sdist), so one lock serves every contributor. `make lock` resolves it again from pyproject.toml
# (and setuptools from its [build-system]) with uv, installed in a throw-away venv; a version
# already in the lock stays unless pyproject.toml asks for another, and UPGRADE=name moves that
# one package to its newest version. 3.11.5 is the oldest Python 3.11 the locked packages accept.
UV_VERSION := 0.13.9
lock:  ## Re-resolve requirements.lock, with hashes, from pyproject.toml (UPGRADE=name: newest of one)
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT \
	&& $(PYTHON) -m venv "$$tmp" && "$$tmp/bin/python" $(PIP) install --quiet uv==$(UV_VERSION) \
	&& $(PYTHON) -c 'import tomllib; print("pip", *tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"], sep="\n")' \
	| "$$tmp/bin/uv" pip compile --quiet --universal --python-version 3.11.5 --generate-hashes \
	  --custom-compile-command "make lock" $(addprefix --upgrade-package ,$(UPGRADE)) \
	  pyproject.toml --extra test - --output-file requirements.lock
	@echo "requirements.lock written; install it with: make $(STAMP)"

clean:  ## Remove the build output and the venv
	rm -rf site build $(VENV) $(ENGINES) .venv-zensical .pytest_cache
