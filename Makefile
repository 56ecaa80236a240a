# Tolk: build, test and run. GNU make; see `make help`.
#
# `make test` is what CI runs (.ci/run): it installs what is missing (Debian packages,
# tauri-driver, node modules), checks the tools (`make doctor`), then runs every check in order
# and prints how long each step took. It never installs a toolchain (Rust, Node, npm).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

# Every Debian package the project needs, for building, testing and running headless:
# Tauri's Linux build deps (tauri.md section 2), Xvfb + xauth + WebKitWebDriver for the
# real-window E2E tests, ImageMagick + xdotool for `make run-headless`, xmllint and python3 for
# tests and fixture tools.
APT_PACKAGES := build-essential pkg-config curl wget file libssl-dev \
	libwebkit2gtk-4.1-dev libxdo-dev libayatana-appindicator3-dev librsvg2-dev \
	xvfb xauth webkit2gtk-driver \
	imagemagick xdotool libxml2-utils python3

TAURI_DRIVER_VERSION := ^2
CARGO_BIN := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin
export PATH := $(CARGO_BIN):$(PATH)

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
XVFB_RUN := xvfb-run -a -s "-screen 0 1280x800x24"
# /usr/local/bin/convert on these images is a stand-in; call ImageMagick by its full path (P14).
IMPORT := /usr/bin/import

# One build command for the binaries, with the same packages, targets and features as
# `cargo test --workspace --all-targets`, so building after testing only links (tauri.md P10/P11:
# `cargo build -p tolk-app` alone selects other features and recompiles gtk, tauri, …).
CARGO_BUILD := cargo build --workspace --all-targets
APP := target/debug/tolk-app
TOLK := target/debug/tolk
BINDINGS := ui/src/lib/api/bindings
DEMO_DIR = $${TOLK_CACHE_DIR:-$$HOME/.cache/tolk}/demo
DEMO = $(DEMO_DIR)/demo.tolk

.PHONY: help deps deps-apt deps-tauri-driver deps-npm doctor ui-build ui-check ui-test fmt-check \
	clippy cargo-test bindings bindings-check build e2e bench-ui disk test lint fmt run run-headless demo

help:
	@echo "make test          everything CI runs: deps, doctor, UI build/check/tests, fmt, clippy,"
	@echo "                   cargo tests, bindings check, build, real-window E2E, disk usage"
	@echo "make deps          install missing apt packages, tauri-driver and node modules"
	@echo "make doctor        check every tool the build and tests use"
	@echo "make run           build and open the app on a demo project made from fixtures/transcripts"
	@echo "make run-headless  the same under Xvfb; saves target/screenshots/run-headless.png"
	@echo "make bindings      regenerate the TypeScript types of the Tauri DTOs"
	@echo "make bench-ui      real-window benchmark: app start on a 1,000-document project"
	@echo "make lint          cargo fmt --check, clippy and svelte-check"
	@echo "make fmt           rustfmt the app crate only (src-tauri)"

# ---------------------------------------------------------------------------------------------
# Dependencies

deps: deps-apt deps-tauri-driver deps-npm

deps-apt:
	@missing=""; \
	for p in $(APT_PACKAGES); do \
	  [ "$$(dpkg-query -W -f='$${db:Status-Status}' "$$p" 2>/dev/null)" = installed ] || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "deps: installing apt packages:$$missing"; \
	  if [ "$$(id -u)" != 0 ] && ! command -v sudo >/dev/null; then \
	    echo "deps: need root (or sudo) to install:$$missing" >&2; exit 1; \
	  fi; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	else \
	  echo "deps: apt packages present"; \
	fi

deps-tauri-driver:
	@if command -v tauri-driver >/dev/null; then \
	  echo "deps: tauri-driver present ($$(command -v tauri-driver))"; \
	else \
	  echo "deps: cargo install tauri-driver --locked --version \"$(TAURI_DRIVER_VERSION)\""; \
	  cargo install tauri-driver --locked --version "$(TAURI_DRIVER_VERSION)"; \
	fi

deps-npm: ui/node_modules/.package-lock.json tests/e2e/node_modules/.package-lock.json

# npm ci only when the lock file changed since the last install.
%/node_modules/.package-lock.json: %/package-lock.json %/package.json
	@echo "deps: npm ci in $*"
	@npm --prefix $* ci --no-audit --no-fund
	@touch $@

# ---------------------------------------------------------------------------------------------
# Tool check

doctor:
	@fail=0; \
	ok() { printf '  ok       %-18s %s\n' "$$1" "$$2"; }; \
	bad() { printf '  MISSING  %-18s %s\n' "$$1" "$$2"; fail=1; }; \
	need() { if command -v "$$1" >/dev/null 2>&1; then ok "$$1" "$$(command -v "$$1")"; else bad "$$1" "$$2"; fi; }; \
	echo "doctor:"; \
	need cargo "install Rust with rustup (make does not install toolchains)"; \
	need rustc "install Rust with rustup"; \
	if cargo fmt --version >/dev/null 2>&1; then ok rustfmt "$$(cargo fmt --version)"; else bad rustfmt "rustup component add rustfmt"; fi; \
	if cargo clippy --version >/dev/null 2>&1; then ok clippy "$$(cargo clippy --version)"; else bad clippy "rustup component add clippy"; fi; \
	if command -v node >/dev/null; then \
	  if node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>20||(a===20&&b>=19)?0:1)'; then \
	    ok node "$$(node --version)"; else bad node "$$(node --version) is too old: Vite 8 needs Node >= 20.19"; fi; \
	else bad node "install Node >= 20.19 (make does not install toolchains)"; fi; \
	if command -v npm >/dev/null; then \
	  v=$$(npm --version); \
	  if [ "$${v%%.*}" -ge 11 ]; then ok npm "$$v"; else bad npm "npm $$v: Vite 8 and these lock files need npm 11 (npm install -g npm@11)"; fi; \
	else bad npm "install npm 11"; fi; \
	if pkg-config --exists webkit2gtk-4.1 2>/dev/null; then ok webkit2gtk-4.1 "$$(pkg-config --modversion webkit2gtk-4.1)"; \
	else bad webkit2gtk-4.1 "apt package libwebkit2gtk-4.1-dev (make deps)"; fi; \
	need WebKitWebDriver "apt package webkit2gtk-driver (make deps)"; \
	need tauri-driver "cargo install tauri-driver --locked --version \"$(TAURI_DRIVER_VERSION)\" (make deps)"; \
	need Xvfb "apt package xvfb (make deps)"; \
	need xvfb-run "apt package xvfb (make deps)"; \
	need xauth "apt package xauth (make deps; xvfb-run needs it)"; \
	need xmllint "apt package libxml2-utils (make deps)"; \
	need python3 "apt package python3 (make deps)"; \
	need git "apt package git (the bindings check compares with the commit)"; \
	if [ -x $(IMPORT) ]; then ok import "$(IMPORT)"; else bad import "apt package imagemagick (make deps; for run-headless)"; fi; \
	need xdotool "apt package xdotool (make deps; for run-headless)"; \
	for d in ui tests/e2e; do \
	  if [ -d "$$d/node_modules" ]; then ok "$$d/node_modules" "present"; else bad "$$d/node_modules" "npm --prefix $$d ci (make deps)"; fi; \
	done; \
	if [ $$fail != 0 ]; then echo "doctor: the tools marked MISSING are needed; 'make deps' installs the apt and npm ones." >&2; exit 1; fi

# ---------------------------------------------------------------------------------------------
# Steps of `make test` (each can be run alone)

# ui/dist must exist before any cargo build, check, clippy or test of src-tauri (P2).
ui-build:
	npm --prefix ui run build

ui-check:
	npm --prefix ui run check

ui-test:
	npm --prefix ui test

fmt-check:
	cargo fmt --all --check

clippy: ui/dist/index.html
	cargo clippy --workspace --all-targets -- -D warnings

cargo-test: ui/dist/index.html
	cargo test --workspace --all-targets
	cargo test --workspace --doc

ui/dist/index.html:
	npm --prefix ui run build

# ts-rs writes the bindings during `cargo test -p tolk-app` (the export_bindings_* tests).
bindings: ui/dist/index.html
	cargo test --workspace --all-targets -- export_bindings

# After the tests regenerated them, the bindings must equal the committed ones. Before they
# were ever committed (a fresh tree), untracked files are reported, not failed.
bindings-check:
	@if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then \
	  echo "bindings-check: not a git checkout; cannot compare $(BINDINGS) with a commit" >&2; \
	  if [ "$${CI:-}" = true ]; then exit 1; else exit 0; fi; \
	fi; \
	status=$$(git status --porcelain --untracked-files=all -- $(BINDINGS)); \
	tracked=$$(git ls-files -- $(BINDINGS)); \
	if [ -z "$$status" ]; then echo "bindings-check: $(BINDINGS) is current"; \
	elif [ -z "$$tracked" ] && ! grep -qv '^??' <<<"$$status"; then \
	  echo "bindings-check: $(BINDINGS) is not committed yet (first commit); commit it:"; echo "$$status"; \
	else \
	  echo "bindings-check: $(BINDINGS) differs from the commit; the DTOs changed. Run 'make bindings' and commit:" >&2; \
	  echo "$$status" >&2; git --no-pager diff --stat -- $(BINDINGS) >&2; exit 1; \
	fi

build: ui/dist/index.html
	$(CARGO_BUILD)

e2e:
	@mkdir -p target/screenshots
	$(XVFB_RUN) npm --prefix tests/e2e test

# Real-window benchmarks (not part of `make test`): app start on a 1,000-document project.
# Figures go to target/e2e-bench.json and, by hand, into BENCHMARKS.md.
bench-ui: build
	$(XVFB_RUN) npm --prefix tests/e2e test -- --spec ./bench/start.bench.js

disk:
	@echo "target/: $$(du -sh target | cut -f1)"
	@df -h .

test:
	@declare -a names=() secs=(); \
	timings() { \
	  echo; echo "==> timings (s)"; local total=0 i; \
	  for i in "$${!names[@]}"; do printf '  %-16s %5d\n' "$${names[$$i]}" "$${secs[$$i]}"; total=$$((total + secs[i])); done; \
	  printf '  %-16s %5d\n' total "$$total"; \
	}; \
	step() { \
	  local t0=$$SECONDS rc=0; echo; echo "==> make $$1"; \
	  $(MAKE) "$$1" || rc=$$?; names+=("$$1"); secs+=($$((SECONDS - t0))); \
	  if [ $$rc != 0 ]; then timings; echo; echo "make test: step '$$1' failed" >&2; exit $$rc; fi; \
	}; \
	for s in deps doctor ui-build ui-check ui-test fmt-check clippy cargo-test bindings-check build e2e; do step $$s; done; \
	timings; echo; $(MAKE) disk

lint: ui/dist/index.html fmt-check clippy ui-check

# rustfmt the app crate only; the core is formatted by its owners.
fmt:
	cargo fmt -p tolk-app

# ---------------------------------------------------------------------------------------------
# Running the app

# A demo project made from every fixture transcript, recreated each time.
demo:
	@dir="$(DEMO_DIR)"; mkdir -p "$$dir"; \
	rm -f "$$dir/demo.tolk" "$$dir/demo.tolk-wal" "$$dir/demo.tolk-shm"; \
	$(TOLK) new "$$dir/demo.tolk"; \
	$(TOLK) import "$$dir/demo.tolk" fixtures/transcripts

run:
	@if [ -z "$${DISPLAY:-}" ] && [ -z "$${WAYLAND_DISPLAY:-}" ]; then \
	  echo "run: no display (DISPLAY is not set). Use 'make run-headless' to run under Xvfb and save a screenshot." >&2; exit 1; \
	fi
	@$(MAKE) deps ui-build build demo
	$(APP) "$(DEMO)"

run-headless:
	@$(MAKE) deps ui-build build demo
	@mkdir -p target/screenshots
	@DEMO="$(DEMO)" APP="$(APP)" IMPORT="$(IMPORT)" $(XVFB_RUN) bash -c '\
	  set -eu; \
	  "$$APP" "$$DEMO" & pid=$$!; \
	  trap "kill $$pid 2>/dev/null || true" EXIT; \
	  if ! timeout 60 xdotool search --sync --onlyvisible --name "Tolk" >/dev/null; then \
	    echo "run-headless: no Tolk window after 60 s" >&2; exit 1; fi; \
	  sleep 3; \
	  "$$IMPORT" -window root target/screenshots/run-headless.png; \
	  kill $$pid; wait $$pid 2>/dev/null || true; trap - EXIT'
	@echo "run-headless: saved target/screenshots/run-headless.png"
