# fazhi — the targets people look for. A fresh machine needs Python 3.11, make and git.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.8
export FAZHI_HOME ?= $(CURDIR)/data
export DAGSTER_HOME ?= $(FAZHI_HOME)/dagster

.PHONY: setup system run test test-fast lint format dev lab demo-site bench growth schema clean

setup: $(BIN)/fazhi

# A CJK font for chart images and Chromium for the browser tests, from Debian's archive.
system:
	bash scripts/install-system-packages.sh

# The environment is exactly what uv.lock says (uv itself is bootstrapped with pip, pinned).
# Bytecode is compiled at install: where PYTHONDONTWRITEBYTECODE is set (as on this machine and
# in many containers) Python would otherwise compile every module of Dagster, Polars, Altair…
# at each process start: 3.4 s of a 7.5 s `fazhi run` with nothing new, and again in every step
# process and notebook kernel.
$(BIN)/fazhi: pyproject.toml uv.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv sync --frozen --compile-bytecode --python $(BIN)/python
	$(BIN)/python -m compileall -q transforms warehouse orchestration notebooks
	touch $@

run: setup
	-bash scripts/install-system-packages.sh
	$(BIN)/fazhi run

test: setup system
	$(BIN)/pytest

test-fast: setup
	$(BIN)/pytest -m "not slow"

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	PYRIGHT_PYTHON_IGNORE_WARNINGS=1 $(BIN)/pyright
	VIRTUAL_ENV=$(CURDIR)/$(VENV) $(BIN)/dg check defs

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# The webserver and the daemon (schedules, sensors) on the instance `fazhi run` records in.
dev: setup
	mkdir -p $(DAGSTER_HOME)
	cp orchestration/dagster.yaml $(DAGSTER_HOME)/dagster.yaml
	VIRTUAL_ENV=$(CURDIR)/$(VENV) $(BIN)/dg dev --host 127.0.0.1 --port 3000

# As root too (every container is root); the .py notebooks open as notebooks (jupytext); the
# notebooks read the warehouse of FAZHI_HOME.
lab: setup
	JUPYTER_CONFIG_DIR=$(CURDIR)/.jupyter $(BIN)/jupyter lab --notebook-dir=notebooks --ip=127.0.0.1 --allow-root

# A government website with the sample reports (and realistic faults) on 127.0.0.1:8765;
# it prints a sources.toml for `fazhi run --sources`.
demo-site: setup
	$(BIN)/python -m tests.demo_site --port 8765

# Stages and the whole pipeline on 1,000 synthetic reports; writes docs/benchmarks.md.
bench: setup
	$(BIN)/python -m tests.benchmark.run --reports 1000

# Time and peak memory of `fazhi run` at 1,000, 10,000, 20,000 and 50,000 reports (about 20 minutes on
# two cores); writes docs/growth.md.
growth: setup
	$(BIN)/python -m tests.benchmark.growth 1000 10000 20000 50000

schema: setup
	$(BIN)/fazhi schema > docs/data-dictionary.md

clean:
	rm -rf $(VENV) data .pytest_cache .ruff_cache
