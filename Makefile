# Confide: `make help` lists the targets.
SHELL := /bin/bash
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)
TEST_STAMP := $(VENV)/.installed-test-$(shell cat pyproject.toml | sha1sum | cut -c1-12)

.DEFAULT_GOAL := help

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-12s\033[0m %s\n", $$1, $$2}'

$(STAMP):
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

# llama.cpp is built for a portable x86-64 (AVX2, no AVX-512/AMX): a -march=native build
# segfaults on CPUs that advertise AMX in a VM that does not grant it. --no-cache-dir keeps pip
# from reusing a natively built wheel left in its cache.
LLAMA_CMAKE_ARGS ?= -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_AVX512=OFF

$(TEST_STAMP): $(STAMP)
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(BIN)/pip install -q --no-cache-dir --no-binary llama-cpp-python 'llama-cpp-python[server]==0.3.36'
	$(BIN)/pip install -q -e '.[dev,llm-test,langgraph-dev]'
	touch $(TEST_STAMP)

install: $(STAMP) ## Create .venv and install Confide (no model, no API key needed)

chat: $(STAMP) ## Set up (first time) and start the terminal chat app
	$(BIN)/confide chat

test: $(TEST_STAMP) ## Set up (first time) and run the whole test suite (slow tests included)
	$(BIN)/python -m pytest

test-fast: $(STAMP) ## While working: the suite without the slow and llm_server tests
	$(BIN)/python -m pytest -m "not slow and not llm_server"

lint: $(STAMP) ## ruff + mypy (strict on confide/) + the import layers (lint-imports)
	$(BIN)/ruff check confide tests scripts benchmarks
	$(BIN)/ruff format --check confide tests scripts benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

format: $(STAMP) ## Apply ruff's formatter and fixes
	$(BIN)/ruff format confide tests scripts benchmarks
	$(BIN)/ruff check --fix confide tests scripts benchmarks

bench: $(STAMP) ## Run the benchmarks (numbers go into the README)
	$(BIN)/python -m benchmarks.run

metrics: $(STAMP) ## Recompute the quality metrics (safety, emotion, retrieval, strategy)
	$(BIN)/python scripts/safety_metrics.py

eval: $(STAMP) ## Run the scenario suite in the offline engine, report in out/
	$(BIN)/confide eval scenarios/ --out out/

eval-llm: $(STAMP) ## Scenario suite + strategy Q/B on an OpenAI-compatible endpoint (docs/strategy-counselor.md, "LLM planner on a real model")
	@test -n "$$OPENAI_BASE_URL$$OPENAI_API_KEY" || { echo "set OPENAI_BASE_URL (and CONFIDE_MODEL); see docs/strategy-counselor.md (LLM planner on a real model)"; exit 2; }
	@mkdir -p out/llm
	-$(BIN)/confide eval scenarios/ --engine llm --out out/llm/ $(EVAL_LLM_ARGS)
	set -o pipefail; $(BIN)/python scripts/strategy_eval.py --llm $(if $(STRATEGY_LIMIT),--limit $(STRATEGY_LIMIT),) | tee out/llm/strategy.md

clean: ## Remove the virtualenv and caches
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

.PHONY: help install chat test test-fast lint format bench metrics eval eval-llm clean
