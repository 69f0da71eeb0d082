# One entry point for a fresh machine: `make demo` and `make test` install what they need.
# `make demo > plan.json` is the plan alone: set-up is silent on stdout (its recipes start with @ and
# send their output to stderr; tests/test_readme.py runs it with chatty stand-ins for python and pip).
# Run from another make, add --no-print-directory: a sub-make prints "Entering directory" on stdout.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup system-deps demo test lint schema bench

setup: system-deps $(VENV)/.installed

# tesseract with the Vietnamese model is needed for scans (OCR); text input works without it.
# antiword reads old Word .doc files (LibreOffice, if installed, is used for .doc with list numbering).
# poppler-utils (pdftotext) is the reference of benchmarks/bench_speed.py only.
# fonts-dejavu: the tests lay out scanned tables and degraded pages in DejaVu (Vietnamese letters).
# jq: the README's examples pipe into it, and tests/test_readme.py runs them.
system-deps:
	@if ! command -v tesseract >/dev/null 2>&1 || ! tesseract --list-langs 2>/dev/null | grep -qx vie || ! tesseract --list-langs 2>/dev/null | grep -qx osd || ! command -v antiword >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1 || ! [ -f /usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf ] || ! command -v jq >/dev/null 2>&1; then \
		echo "installing tesseract-ocr, tesseract-ocr-vie, antiword, poppler-utils, fonts-dejavu and jq" >&2; \
		$(SUDO) apt-get update -qq >&2 && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq tesseract-ocr tesseract-ocr-eng tesseract-ocr-vie tesseract-ocr-osd antiword poppler-utils fonts-dejavu jq >&2; \
	fi

$(VENV)/.installed: pyproject.toml
	@echo "creating $(VENV) and installing khparse with its development tools" >&2
	@$(PY) -m venv $(VENV) >&2
	@$(BIN)/pip install -q --upgrade pip >&2
	@$(BIN)/pip install -q -e '.[dev]' >&2
	@touch $@

demo: setup
	@$(BIN)/khparse extract samples/thuong-xuan-2025.md --pretty

test: setup
	$(BIN)/python -m pytest -q
	$(BIN)/ruff check .
	$(BIN)/mypy

schema: setup
	$(BIN)/khparse schema > schemas/plan.schema.json
	$(BIN)/khparse schema --batch-record > schemas/batch-record.schema.json

bench: setup
	$(BIN)/python benchmarks/bench_parse.py
