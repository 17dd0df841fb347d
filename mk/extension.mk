# The browser extension: dist/chrome/ and dist/firefox/ (unpacked, "Load
# unpacked" / about:debugging) and their zips, from extension/ plus the
# engine that `make wasm` puts in extension/engine/ and js/engine/*.js.
# One manifest source; the Chrome build drops the Firefox-only keys and the
# Firefox build drops the `offscreen` permission and the service worker key.

.PHONY: extension lint-extension test-browser-extension

EXT_DIST := dist
EXT_BROWSERS := chrome firefox

# Per browser: keep only the manifest keys that browser reads.
define EXT_MANIFEST_JS
const fs = require("fs");
const [browser, file] = process.argv.slice(1);
const m = JSON.parse(fs.readFileSync(file, "utf8"));
if (browser === "firefox") {
  m.permissions = m.permissions.filter((p) => p !== "offscreen");
  delete m.background.service_worker;
} else {
  delete m.background.scripts;
  delete m.browser_specific_settings;
}
fs.writeFileSync(file, JSON.stringify(m, null, 2) + "\n");
endef
export EXT_MANIFEST_JS

extension: wasm
	@command -v zip >/dev/null || apt-get install -y zip
	@test -f extension/engine/newsclean_bg.wasm || { echo "extension/engine/ is missing: make wasm first" >&2; exit 1; }
	@for b in $(EXT_BROWSERS); do \
	  rm -rf $(EXT_DIST)/$$b $(EXT_DIST)/newsclean-$$b.zip && mkdir -p $(EXT_DIST)/$$b && \
	  cp -R extension/. $(EXT_DIST)/$$b/ && \
	  rm -f $(EXT_DIST)/$$b/README.md $(EXT_DIST)/$$b/icons/*.py $(EXT_DIST)/$$b/engine/*.d.ts \
	        $(EXT_DIST)/$$b/engine/package.json $(EXT_DIST)/$$b/engine/.gitignore && \
	  cp js/engine/*.js $(EXT_DIST)/$$b/engine/ && \
	  if [ $$b = firefox ]; then rm -rf $(EXT_DIST)/$$b/offscreen; fi && \
	  node -e "$$EXT_MANIFEST_JS" $$b $(EXT_DIST)/$$b/manifest.json && \
	  (cd $(EXT_DIST)/$$b && zip -qrX ../newsclean-$$b.zip .) || exit 1; \
	  echo "built $(EXT_DIST)/$$b/ and $(EXT_DIST)/newsclean-$$b.zip"; \
	done

# web-ext lint: errors fail the build; the remaining warnings are explained in extension/README.md.
lint-extension: extension
	npx eslint extension tests/e2e
	npx web-ext lint --source-dir $(EXT_DIST)/firefox --no-config-discovery

# End-to-end: the real unpacked extension in headless Chromium and Firefox ESR.
test-browser-extension: extension
	node --test --test-concurrency=1 tests/e2e/

test-browser:: lint-extension test-browser-extension
