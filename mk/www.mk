# The demo site: www/ (static pages, plain ES modules) on the WASM package and
# the extension's reader.
#
#   make demo               build the package and www/gen/, then serve www/ on
#                           http://127.0.0.1:$(DEMO_PORT)/ (PORT=... to change)
#   make test-browser-demo  the demo in headless Chromium (tests/browser/demo/);
#                           NEWSCLEAN_SCREENSHOTS=1 also saves docs/screenshots/demo-*.png

DEMO_PORT ?= $(or $(PORT),8080)

.PHONY: demo demo-files test-browser-demo lint-www

# www/gen/: the sample pages (from tests/fixtures/) and the reader (from extension/reader/).
demo-files: wasm
	node www/build.mjs

demo: all demo-files
	PORT=$(DEMO_PORT) node www/serve.mjs

lint: lint-www
lint-www:
	npx eslint www tests/browser/demo

test-browser:: test-browser-demo
test-browser-demo: demo-files
	node --test tests/browser/demo/*.test.js
