# Hardening: fuzzing, adversarial-size benchmark, security tests (issue 6).
#
#   make fuzz                 run every fuzz target for FUZZ_SECONDS each (default 1200), one after another,
#                             on one core (FUZZ_JOBS=n runs n jobs; their logs go to fuzz/fuzz-*.log)
#   make fuzz-TARGET          one target: fuzz-html, fuzz-snapshot_json, fuzz-snapshot_struct
#   make bench-adversarial    time and peak memory of the CLI on adversarial inputs, and the linear slope
#   make test-browser-security  XSS vectors through the reading-mode overlay, the reader module and the demo
#                             playground in Chromium; the static least-privilege scan; DOM clobbering
#
# Fuzzing uses cargo-fuzz (libFuzzer + AddressSanitizer) on the *stable*
# toolchain: RUSTC_BOOTSTRAP=1 lets stable rustc take cargo-fuzz's -Z flags
# (-Zsanitizer=address); stable ships the ASan runtime. No nightly needed.
# Corpora live in fuzz/corpus/<target>/ (gitignored), seeded from
# tests/fixtures/*/source.html, tests/data/ and ../shared/corpus; crashes land
# in fuzz/artifacts/<target>/ and belong in tests/data/regressions/ with a
# test in tests/regressions.rs. Not part of CI.

FUZZ_TARGETS := html snapshot_json snapshot_struct
FUZZ_SECONDS ?= 1200
FUZZ_JOBS ?= 1
FUZZ_FLAGS ?=
FUZZ_CARGO := RUSTC_BOOTSTRAP=1 nice -n 10 $(CARGO) +stable fuzz
# -O with debug assertions: overflow checks and debug_assert!s stay on.
# No sanitizer by default: the crate has no `unsafe`, and ASan halves the
# rate; FUZZ_SANITIZER=address turns it on (works on stable, see above).
FUZZ_SANITIZER ?= none
FUZZ_BUILD := -O --debug-assertions -s $(FUZZ_SANITIZER)

.PHONY: fuzz fuzz-tools fuzz-seeds bench-adversarial test-browser-security lint-security $(addprefix fuzz-,$(FUZZ_TARGETS))

fuzz-tools:
	@command -v cargo-fuzz >/dev/null || $(CARGO) install cargo-fuzz

# Seeds: fixture pages, corpus pages and the XSS payloads for html; JSON
# snapshots of the fixtures (fuzz/seed_snapshots.py) for snapshot_json.
fuzz-seeds:
	@mkdir -p fuzz/corpus/html fuzz/corpus/snapshot_json fuzz/corpus/snapshot_struct
	@for f in tests/fixtures/*/source.html; do cp "$$f" "fuzz/corpus/html/fixture-$$(basename $$(dirname $$f)).html"; done
	@find $(CORPUS) -name '*.html' -size -300k 2>/dev/null | head -200 | \
	  while read -r f; do cp "$$f" "fuzz/corpus/html/corpus-$$(echo "$$f" | md5sum | cut -c1-12).html"; done
	@python3 -c 'import json,sys; [open(f"fuzz/corpus/html/xss-{i}.html","w").write(v["payload"]) for i,v in enumerate(json.load(open("tests/data/xss/dompurify-payloads.json")))]'
	@python3 fuzz/seed_snapshots.py fuzz/corpus/snapshot_json tests/fixtures/*/source.html
	@cp tests/data/regressions/*.json fuzz/corpus/snapshot_json/ 2>/dev/null || true
	@echo "seeds: $$(ls fuzz/corpus/html | wc -l) html, $$(ls fuzz/corpus/snapshot_json | wc -l) snapshot_json"

$(addprefix fuzz-,$(FUZZ_TARGETS)): fuzz-%: fuzz-tools fuzz-seeds
	cd fuzz && $(FUZZ_CARGO) build $(FUZZ_BUILD) $*
	cd fuzz && $(FUZZ_CARGO) run $(FUZZ_BUILD) $* corpus/$* -- \
	  -max_total_time=$(FUZZ_SECONDS) $(if $(filter-out 1,$(FUZZ_JOBS)),-jobs=$(FUZZ_JOBS) -workers=$(FUZZ_JOBS)) -max_len=262144 \
	  -rss_limit_mb=4096 -timeout=30 -print_final_stats=1 $(FUZZ_FLAGS)

fuzz: $(addprefix fuzz-,$(FUZZ_TARGETS))

bench-adversarial: native
	python3 bench/adversarial.py --bin $(NATIVE_BIN)

# The XSS test runs the vectors through the extension (dist/chrome) and the
# demo playground (www/gen/, www/pkg/): both are built first.
test-browser:: test-browser-security
test-browser-security: extension demo-files
	node --test --test-concurrency=1 tests/browser/security/

lint: lint-security
lint-security:
	npx eslint tests/browser/security
