# Set-up is part of every target: a fresh machine needs only Python 3.11 and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium
FAKETIME := /usr/bin/faketime

.PHONY: site test lint serve check schema

site: $(STAMP)
	$(BIN)/python -m generator build

test: $(STAMP) $(CHROMIUM) $(FAKETIME)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check generator tests bench

serve: $(STAMP)
	$(BIN)/python -m generator serve

check: $(STAMP)
	$(BIN)/python -m generator check

schema: $(STAMP)
	$(BIN)/python -m generator schema

# Browser tests drive Debian's Chromium (Playwright cannot download browsers here);
# the reproducibility test builds under another wall clock with faketime.
$(CHROMIUM) $(FAKETIME):
	apt-get update -qq && apt-get install -y -qq chromium faketime

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)
