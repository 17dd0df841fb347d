# The engine in the browser: the WASM package, its browser tests and benchmark.
#
#   make wasm                 build target/wasm-pkg/, copy it to www/pkg/ and extension/engine/
#   make size                 raw and gzipped sizes of the .wasm and its JavaScript
#   make test-browser-engine  parity, undo, strict-CSP, error and Firefox tests (headless)
#   make bench-browser        newsclean vs Readability.js and vs a bare DOM walk, in Chromium

WASM_TARGET := wasm32-unknown-unknown
WASM_PROFILE := wasm-release
# Size or speed: `z` ships (see Cargo.toml); `make wasm WASM_OPT_LEVEL=3` builds
# the fast variant, for comparing in the browser benchmark.
WASM_OPT_LEVEL ?= z
export CARGO_PROFILE_WASM_RELEASE_OPT_LEVEL = $(WASM_OPT_LEVEL)
WASM_CARGO_FLAGS := --target $(WASM_TARGET) --profile $(WASM_PROFILE) --no-default-features --lib
WASM_PKG := target/wasm-pkg
# The benchmark's build adds the Rust web-sys walker it is measured against,
# and a test-only way to panic; nothing of it ships.
WASM_BENCH_DIR := target/wasm-bench
WASM_BENCH_PKG := target/wasm-bench-pkg
WASM_BINDGEN ?= wasm-bindgen
WASM_OPT := node_modules/.bin/wasm-opt
# Minifies the package's JavaScript (glue, walker, applier): 11 KB -> 6 KB gzipped.
ESBUILD := node_modules/.bin/esbuild
# The CLI must match the wasm-bindgen crate exactly (the glue's ABI changes between versions).
WASM_BINDGEN_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/^version = "\(.*\)"$$/\1/p;}' Cargo.lock)
# Where the package is copied for the demo and the extension (both generated, gitignored).
WASM_COPIES := www/pkg extension/engine

.PHONY: wasm wasm-tools wasm-bench size lint-wasm test-browser test-browser-engine bench-browser

wasm-tools:
	@rustup target list --installed 2>/dev/null | grep -qx $(WASM_TARGET) || rustup target add $(WASM_TARGET)
	@test "$$($(WASM_BINDGEN) --version 2>/dev/null)" = "wasm-bindgen $(WASM_BINDGEN_VERSION)" || \
		$(CARGO) install --force wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)
	@test -x $(WASM_OPT) -a -x $(ESBUILD) || npm ci || npm install

# $(1): the cargo output .wasm, $(2): the package directory.
define wasm_package
	rm -rf $(2)
	$(WASM_BINDGEN) --target web --out-dir $(2) $(1)
	$(WASM_OPT) -O$(WASM_OPT_LEVEL) --strip-debug --strip-producers $(2)/newsclean_bg.wasm -o $(2)/newsclean_bg.wasm
	mkdir -p $(2)/dom
	cp js/engine/snapshot.js js/engine/apply.js $(2)/dom/
	find $(2) -name '*.js' -exec $(ESBUILD) --minify --format=esm --log-level=warning --allow-overwrite {} --outfile={} \;
endef

wasm: wasm-tools
	$(CARGO) build $(WASM_CARGO_FLAGS)
	$(call wasm_package,target/$(WASM_TARGET)/$(WASM_PROFILE)/newsclean.wasm,$(WASM_PKG))
	@for d in $(WASM_COPIES); do rm -rf $$d && mkdir -p $$d && cp -R $(WASM_PKG)/. $$d/ || exit 1; done

wasm-bench: wasm-tools
	RUSTFLAGS="--cfg newsclean_bench" CARGO_TARGET_DIR=$(WASM_BENCH_DIR) $(CARGO) build $(WASM_CARGO_FLAGS)
	$(call wasm_package,$(WASM_BENCH_DIR)/$(WASM_TARGET)/$(WASM_PROFILE)/newsclean.wasm,$(WASM_BENCH_PKG))

size: wasm
	@cd $(WASM_PKG) && total=0; totalgz=0; \
	for f in newsclean_bg.wasm newsclean.js $$(find snippets -name '*.js' | sort); do \
		raw=$$(wc -c < $$f); gz=$$(gzip -9c $$f | wc -c); total=$$((total + raw)); totalgz=$$((totalgz + gz)); \
		printf '%-60s %8d bytes %8d gzipped\n' $$f $$raw $$gz; \
	done; \
	printf '%-60s %8d bytes %8d gzipped (budget 61440)\n' total $$total $$totalgz

lint: lint-wasm
lint-wasm:
	$(CARGO) clippy --target $(WASM_TARGET) --no-default-features --lib -- -D warnings
	npx eslint js/engine tests/browser/engine bench/browser

test-browser:: test-browser-engine
test-browser-engine: native wasm-bench wasm
	node --test tests/browser/engine/*.test.js

bench-browser: wasm-bench wasm
	node bench/browser/run.js
