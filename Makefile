# The one entry point for people and CI (see README.md).
#
#   make            build everything: CLI, WASM package, extension zips
#   make demo       build, then serve the demo site on http://127.0.0.1:8080
#   make test       every test: lint, Rust (unit, fixtures, corpus), browsers
#   make eval       score extract and clean on the evaluation corpus
#   make bless      rewrite the fixtures' golden outputs after reviewing a change
#   make bench      native speed against dom_smoothie, and the linear-cost check
#
# Parts live in mk/*.mk, one file per area (wasm, extension, www, fuzz).

CORPUS ?= $(abspath ../shared/corpus)
export NEWSCLEAN_CORPUS ?= $(CORPUS)
CARGO ?= cargo
NATIVE_BIN := target/release/newsclean

.PHONY: all native deps test test-rust lint lint-rust fmt eval bless bench main-job

all: native wasm extension

native:
	$(CARGO) build --release

# Installs what the build and the tests need and is missing: the wasm32
# target, wasm-bindgen-cli at the Cargo.lock version, npm packages, and (as
# root with apt) Debian's chromium, chromium-driver, firefox-esr and zip.
deps: wasm-tools
	@./scripts/ensure-browsers.sh

test: deps lint test-rust test-browser

test-rust:
	$(CARGO) test --release

lint: lint-rust
lint-rust:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --all-targets -- -D warnings
	npx eslint .

fmt:
	$(CARGO) fmt --all

bless:
	NEWSCLEAN_BLESS=1 $(CARGO) test --release --test fixtures

eval: native
	$(NATIVE_BIN) eval --corpus $(CORPUS)

bench:
	CARGO_TARGET_DIR=target $(CARGO) run --release --manifest-path bench/native/Cargo.toml -- --linear

# Cleans and extracts the bundled sample page and prints the results.
main-job: native
	$(NATIVE_BIN) clean tests/fixtures/firstpost-india-china/source.html --explain --format text >/dev/null
	$(NATIVE_BIN) extract tests/fixtures/firstpost-india-china/source.html --format markdown

include mk/*.mk
