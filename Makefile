# Set-up is part of every target: a fresh machine needs only Python 3.11 and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium

.PHONY: site test serve check schema

site: $(STAMP)
	$(BIN)/python -m generator build

test: $(STAMP) $(CHROMIUM)
	$(BIN)/python -m pytest

serve: $(STAMP)
	$(BIN)/python -m generator serve

check: $(STAMP)
	$(BIN)/python -m generator check

schema: $(STAMP)
	$(BIN)/python -m generator schema

# Browser tests drive Debian's Chromium (Playwright cannot download browsers here).
$(CHROMIUM):
	apt-get update -qq && apt-get install -y -qq chromium

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)
