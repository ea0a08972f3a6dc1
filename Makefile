# pufa — two commands on a fresh Linux machine:
#   make build   set up .venv, build the sample site into site/
#   make test    the same set-up, Chromium, CJK fonts, LibreOffice and nginx, then the whole test suite
#   make bench   benchmarks (plain Material vs pufa, Lighthouse under nginx)
#   make constraints   re-pin constraints.txt to the newest versions pyproject.toml allows

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

AXE    := node_modules/axe-core/axe.min.js

# Every Python package of our own builds at an exact version (pip, the build
# backend, and what pyproject.toml's ranges resolved to), so that a fresh
# machine builds the same site years later.  pyproject.toml keeps the ranges:
# they are what pufa needs as a library.  See docs/decisions/0008.
PINS   := -c constraints.txt --build-constraint constraints.txt

.PHONY: build test bench browser office nginx java serve clean sample-laws constraints

$(STAMP): pyproject.toml setup.py constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -c constraints.txt pip
	$(BIN)/python -m pip install --quiet $(PINS) -e '.[test]'
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

# Debian's LibreOffice Writer (no GUI): the import-docx tests save a real .docx with it.
office:
	@if ! command -v soffice >/dev/null; then \
		echo "正在安装 libreoffice-writer-nogui（Debian 软件包）……"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libreoffice-writer-nogui >/dev/null; \
	fi

# Debian's nginx (the light build) and its brotli_static module: the tests run
# the site under the configuration `pufa server-config nginx` prints.
nginx:
	@if ! [ -x /usr/sbin/nginx ] || ! dpkg -s libnginx-mod-http-brotli-static >/dev/null 2>&1; then \
		echo "正在安装 nginx-light 和 libnginx-mod-http-brotli-static（Debian 软件包）……"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nginx-light libnginx-mod-http-brotli-static >/dev/null; \
	fi

# Java for the Nu HTML Checker (vnu-jar from npm): every built page is valid HTML.
java:
	@if ! command -v java >/dev/null; then \
		echo "正在安装 default-jre-headless（Debian 软件包）……"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq default-jre-headless >/dev/null; \
	fi

# axe-core, acorn and vnu-jar (npm registry): the accessibility tests, the check that our scripts are ES5, valid HTML.
$(AXE): package.json
	@command -v npm >/dev/null || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nodejs npm >/dev/null; }
	npm install --no-audit --no-fund --loglevel=error
	@touch $(AXE)

test: $(STAMP) browser office nginx java $(AXE)
	$(BIN)/python -m pytest

bench: $(STAMP) browser nginx
	$(BIN)/python -m pip install --quiet $(PINS) -e '.[test,bench]'
	$(BIN)/python bench/build_bench.py
	$(BIN)/python bench/laws_bench.py
	$(BIN)/python bench/search_bench.py
	$(BIN)/python bench/search_budgets.py
	$(BIN)/python bench/screen_bench.py
	$(BIN)/python bench/page_weight.py
	$(BIN)/python bench/memory_bench.py
	$(BIN)/python bench/preview_bench.py
	$(BIN)/python bench/lighthouse_bench.py

clean:
	rm -rf site .pufa-build-* .pufa-old-* .bench-node

# Re-pin: the newest releases pyproject.toml allows, in a throwaway venv.  Then
# `make build` and compare site/ with the previous build before committing.
CVENV := .venv-constraints
constraints:
	rm -rf $(CVENV)
	$(PYTHON) -m venv $(CVENV)
	$(CVENV)/bin/python -m pip install --quiet --upgrade pip setuptools wheel
	$(CVENV)/bin/python -m pip install --quiet -e '.[test,bench]'
	{ echo "# Exact versions for make build / test / bench (pip install -c and --build-constraint)."; \
	  echo "# Written by make constraints with $$($(CVENV)/bin/python -V) on $$(date -u +%Y-%m-%d): do not edit by hand."; \
	  $(CVENV)/bin/python -m pip freeze --exclude-editable; \
	  echo "# the installer and the build backend (pyproject.toml [build-system])"; \
	  $(CVENV)/bin/python -m pip freeze --all | grep -E '^(pip|setuptools|wheel)=='; } > constraints.txt.new
	mv constraints.txt.new constraints.txt
	rm -rf $(CVENV)
	@echo "constraints.txt rewritten: run make build and compare site/ with the previous build page by page before committing."

# The laws the sample content cites, imported from the shared corpus (real texts).
SAMPLE_LAWS := 法律援助法,民法典,行政复议法,宪法,未成年人保护法,人民调解法,反家庭暴力法,公证法,社区矫正法,\
村民委员会组织法,保障农民工工资支付条例,反电信网络诈骗法,刑法,民事诉讼法,劳动合同法,劳动争议调解仲裁法,\
国旗法,行政诉讼法,劳动法,国歌法,老年人权益保障法,最高人民法院关于办理人身安全保护令案件适用法律若干问题的规定,\
城市居民委员会组织法,农村土地承包法,妇女权益保障法,农村集体经济组织法,宪法修正案（1999年）,宪法修正案（2004年）,\
宪法修正案（2018年）,最高人民法院关于审理民事案件适用诉讼时效制度若干问题的规定,消费者权益保护法,法律援助条例,\
道路交通安全法,土地管理法,治安管理处罚法,最高人民法院关于审理涉彩礼纠纷案件适用法律若干问题的规定
CORPUS ?= ../shared/corpus/laws

sample-laws: $(STAMP)
	$(BIN)/pufa import-laws $(CORPUS) --only '$(SAMPLE_LAWS)'
