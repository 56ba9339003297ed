# Two commands set everything up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= claimscope.db
PORT ?= 8000

.PHONY: install run test lint eval bench gazetteer clean

$(BIN)/claimscope: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/claimscope

# The main job: ingest the bundled sample articles into the SQLite store, show what was read, start the web app.
run: install
	$(BIN)/claimscope ingest data/sample/ --db $(DB)
	$(BIN)/claimscope claims --db $(DB)
	$(BIN)/claimscope incidents --db $(DB)
	$(BIN)/claimscope sources --db $(DB)
	$(BIN)/claimscope serve --db $(DB) --port $(PORT)

test: install
	$(BIN)/ruff check claimscope tests bench scripts
	$(BIN)/python -m pytest -q

eval: install
	$(BIN)/claimscope eval data/gold/fakes-gold.jsonl --split dev

bench: install
	$(BIN)/python bench/throughput.py

gazetteer: install
	$(BIN)/python scripts/build_gazetteer.py

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm .pytest_cache
