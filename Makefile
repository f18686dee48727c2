# One command each, from a fresh clone: `make site`, `make serve`, `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site serve check test test-fast browser-deps bench wheel clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[mkdocs,test]'
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/onrecord build --strict

serve: $(STAMP)
	$(BIN)/onrecord serve

# SINCE: the git revision a correction is compared with, to find anchors it would move.
SINCE ?= HEAD

check: $(STAMP)
	$(BIN)/onrecord check content --strict --since $(SINCE)

# Debian's Chromium drives the browser tests (or the browser ONRECORD_CHROMIUM names); nothing downloads one.
browser-deps:
	@test -x "$${ONRECORD_CHROMIUM:-/usr/bin/chromium}" || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
		else sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null; fi; }

test: $(STAMP) browser-deps
	$(BIN)/onrecord check content --strict
	$(BIN)/python -m pytest -n 2 -q

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not browser and not slow"

bench: $(STAMP)
	$(BIN)/python bench/scale.py 100 1000

# The wheel is the whole product: package, theme and plugin (install it with `pip install 'dist/…whl[mkdocs]'`).
wheel: $(STAMP)
	$(BIN)/pip wheel --quiet --no-deps -w dist .

clean:
	rm -rf site $(VENV) bench/out build dist
