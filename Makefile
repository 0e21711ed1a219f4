# Robeža: the two commands of the README, and a few helpers.
#   make run    set up .venv from the pinned requirements, then serve the app
#   make test   set up .venv (+ test tools, + the browser test's npm files), then run every test
#   make test-fast  the tests that need no browser and start no app, CLI or Dask process
# A stamp file per step makes a second run reinstall nothing unless its inputs changed.

PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
E2E    := tests/e2e
PORT   ?= 8501

.PHONY: run test test-fast bench layers check screenshot clean

run: .stamp-app
	$(PY) -m streamlit run ui/server.py --server.port $(PORT) --browser.gatherUsageStats false

test: .stamp-dev $(E2E)/node_modules/.stamp
	$(PY) -m pytest -q

# everything but the browser tests and the slow ones (app, command line, Dask, subprocesses)
test-fast: .stamp-dev
	$(PY) -m pytest -q -m "not e2e and not slow"

bench: .stamp-dev $(E2E)/node_modules/.stamp
	$(PY) -m bench

layers: .stamp-app
	$(PY) -m geo build

check: .stamp-app
	$(PY) -m geo build --check

screenshot: .stamp-dev $(E2E)/node_modules/.stamp
	$(PY) -m tests.e2e.screenshot

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

.stamp-app: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

.stamp-dev: requirements.txt requirements-dev.txt .stamp-app
	$(PY) -m pip install --quiet -r requirements.txt -r requirements-dev.txt
	touch $@

# the files folium's maps ask CDNs for, served to the browser test from here (package-lock.json)
$(E2E)/node_modules/.stamp: $(E2E)/package.json $(E2E)/package-lock.json
	cd $(E2E) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf $(VENV) .stamp-* $(E2E)/node_modules $(E2E)/artifacts
