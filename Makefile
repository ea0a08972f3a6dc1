# pufa — two commands on a fresh Linux machine:
#   make build   set up .venv, build the sample site into site/
#   make test    the same set-up, Chromium and CJK fonts, then the whole test suite
#   make bench   benchmarks (plain Material vs pufa)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: build test bench browser serve clean

$(STAMP): pyproject.toml setup.py
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

build: $(STAMP)
	$(BIN)/pufa build

serve: $(STAMP)
	$(BIN)/pufa serve

# Debian's Chromium and Noto CJK fonts for the browser tests (never `playwright install`).
browser:
	@if ! [ -x /usr/bin/chromium ] || ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then \
		echo "正在安装 chromium 和 fonts-noto-cjk（Debian 软件包）……"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	fi

test: $(STAMP) browser
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/build_bench.py

clean:
	rm -rf site .pufa-build-* .pufa-old-*
