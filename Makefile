# Two commands do everything: `make serve` (build + live preview) and `make test`.
# Each creates .venv from the pinned requirements on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: serve build check test bench bench-history renderers clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.site-installed: requirements/site.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements/site.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

# ProperDocs and Zensical, pinned: `build --renderer properdocs|zensical`, and the test that
# compares their sites with the plugin's (same venv: nothing clashes with MkDocs).
$(VENV)/.renderers-installed: requirements/renderers.txt $(VENV)/.site-installed
	$(BIN)/python -m pip install --quiet -r requirements/renderers.txt
	touch $@

$(VENV)/.dev-installed: requirements/dev.txt $(VENV)/.site-installed $(VENV)/.renderers-installed
	$(BIN)/python -m pip install --quiet -r requirements/dev.txt
	touch $@

renderers: $(VENV)/.renderers-installed  ## install the pinned ProperDocs and Zensical

serve: $(VENV)/.site-installed  ## build the site and serve it on http://127.0.0.1:8000
	$(BIN)/python -m build_tools serve

build: $(VENV)/.site-installed  ## build the site into site/ (strict)
	$(BIN)/python -m build_tools build

check: $(VENV)/.site-installed  ## validate the content only
	$(BIN)/python -m build_tools check

test: $(VENV)/.dev-installed  ## run the whole test suite
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(VENV)/.dev-installed  ## scale benchmark (prints figures)
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

bench-history: $(VENV)/.dev-installed  ## time of reading the calls' history from Git (1,000 calls, 1,000 edits)
	$(BIN)/python benchmarks/history.py $(BENCH_ARGS)

clean:
	rm -rf site .pytest_cache
