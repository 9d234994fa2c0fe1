# Set-up is part of every target: a fresh machine needs only Python 3.11, Node 20 (npm) and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium
FAKETIME := /usr/bin/faketime
SOFFICE := /usr/bin/soffice
PDFTOTEXT := /usr/bin/pdftotext
LIBERATION := /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf
NODE_STAMP := node_modules/.package-lock.json
NGINX := /usr/sbin/nginx
SYSTEMD_ANALYZE := /usr/bin/systemd-analyze
PORT ?= 8088

.PHONY: site test test-fast docs lint golden serve check schema bench bench-workbook nginx

site: $(STAMP)
	$(BIN)/sinh-hoat build

# Every test: installs what the tiers need (Chromium, faketime, LibreOffice, poppler, fonts, nginx, systemd,
# ical.js) first.
test: $(STAMP) $(NODE_STAMP) $(CHROMIUM) $(FAKETIME) $(SOFFICE) $(PDFTOTEXT) $(LIBERATION) $(NGINX) $(SYSTEMD_ANALYZE)
	$(BIN)/python -m pytest

# The core, for the edit-test loop: no browser, nginx, LibreOffice, Node or full build; only the Python packages.
# Both cores, a test file to each in turn (pytest-xdist).
FAST := not (browser or nginx or libreoffice or node or slow)
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "$(FAST)" -n 2 --dist loadfile

# The maintainers' manual (docs/, manual.yml) as its own site in build/manual/; a warning fails it.
docs: $(STAMP)
	$(BIN)/properdocs build --strict --config-file manual.yml

# ruff, then the size limits (modules, classes, function complexity) with radon: every offender is listed.
lint: $(STAMP)
	$(BIN)/ruff check generator tests bench tools
	$(BIN)/python tools/limits.py generator

# Rewrite tests/golden/ from the current output, after a deliberate change; then read the diff.
golden: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest tests/feeds/test_ics.py --update-golden

# Speed and memory on the sample and on large synthetic provinces; Zensical renders the same pages.
bench: $(STAMP) .venv-zensical/bin/zensical
	$(BIN)/python bench/run.py

# A thousand new rows imported from a workbook into the large synthetic province.
bench-workbook: $(STAMP)
	$(BIN)/python bench/workbook.py

.venv-zensical/bin/zensical:
	$(PYTHON) -m venv .venv-zensical
	.venv-zensical/bin/python -m pip install --quiet zensical

serve: $(STAMP)
	$(BIN)/sinh-hoat serve

check: $(STAMP)
	$(BIN)/sinh-hoat check

schema: $(STAMP)
	$(BIN)/sinh-hoat schema

# The site through Debian's nginx on 127.0.0.1:$(PORT), with the access rules and the sample accounts
# (deploy/sample-accounts.csv), in the foreground, without root: pid, logs and temp files in build/nginx/.
# The site is built for that address, so calendar buttons, feed addresses and QR codes work from this machine.
nginx: $(STAMP) $(NGINX)
	$(BIN)/sinh-hoat build --site-url http://127.0.0.1:$(PORT)/
	$(BIN)/sinh-hoat account --import deploy/sample-accounts.csv --accounts build/nginx/accounts
	$(BIN)/sinh-hoat nginx --out build/nginx --accounts build/nginx/accounts --site site \
		--listen 127.0.0.1:$(PORT) --standalone
	$(NGINX) -p $(CURDIR)/build/nginx -e $(CURDIR)/build/nginx/error.log -c $(CURDIR)/build/nginx/nginx.conf

# The access matrix runs through Debian's nginx; others may run apt at the same time.
$(NGINX):
	apt-get install -y -qq -o DPkg::Lock::Timeout=600 nginx-light || \
		(apt-get update -qq && apt-get install -y -qq -o DPkg::Lock::Timeout=600 nginx-light)

# `systemd-analyze verify` checks the units in deploy/.
$(SYSTEMD_ANALYZE):
	apt-get install -y -qq -o DPkg::Lock::Timeout=600 systemd

# Browser tests drive Debian's Chromium (Playwright cannot download browsers here);
# the reproducibility test builds under another wall clock with faketime.
$(CHROMIUM) $(FAKETIME):
	apt-get update -qq && apt-get install -y -qq chromium faketime

# The workbook tests convert a workbook with Debian's LibreOffice Calc (soffice --headless --convert-to xlsx);
# other set-ups may run apt at the same time, hence the lock timeout.
$(SOFFICE):
	apt-get install -y -qq -o DPkg::Lock::Timeout=600 --no-install-recommends libreoffice-calc \
		|| (apt-get update -qq && apt-get install -y -qq -o DPkg::Lock::Timeout=600 --no-install-recommends libreoffice-calc)

# The print tests (pytest -m libreoffice) read the PDFs LibreOffice prints with poppler's pdftotext, and
# print in Liberation Serif 2 (Times New Roman's metrics, with the Vietnamese letters the Debian 1.x lacks).
$(PDFTOTEXT):
	apt-get install -y -qq -o DPkg::Lock::Timeout=600 poppler-utils \
		|| (apt-get update -qq && apt-get install -y -qq -o DPkg::Lock::Timeout=600 poppler-utils)

$(LIBERATION):
	apt-get install -y -qq -o DPkg::Lock::Timeout=600 fonts-liberation2 \
		|| (apt-get update -qq && apt-get install -y -qq -o DPkg::Lock::Timeout=600 fonts-liberation2)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# ical.js (Mozilla's parser, inside Thunderbird) reads every generated feed in the tests.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
