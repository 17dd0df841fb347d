# The one entry point for people and CI. `make` builds everything; `make test`
# runs every test. Parts live in mk/*.mk, one file per area.

CORPUS ?= $(abspath ../shared/corpus)
export NEWSCLEAN_CORPUS ?= $(CORPUS)
CARGO ?= cargo
NATIVE_BIN := target/release/newsclean

.PHONY: all native test test-rust lint fmt eval bless bench demo clean-all

all: native wasm extension

native:
	$(CARGO) build --release

# Every test: Rust (unit, fixtures, corpus), lint, then the browser suites.
test: lint test-rust test-browser

test-rust:
	$(CARGO) test --release

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --all-targets -- -D warnings

fmt:
	$(CARGO) fmt --all

# Rewrites the golden outputs of tests/fixtures/*/ from the current build.
bless:
	NEWSCLEAN_BLESS=1 $(CARGO) test --release --test fixtures

# Scores extract and clean on ../shared/corpus and prints one table.
eval: native
	$(NATIVE_BIN) eval --corpus $(CORPUS)

include mk/*.mk
