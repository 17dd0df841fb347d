//! The WebAssembly binding: the JavaScript API of DESIGN.md.
//!
//! In the page, `clean`/`extract`/`isProbablyReaderable` take the live
//! document: the walker in `js/engine/snapshot.js` snapshots it in one pass,
//! the core judges the [`Page`] built from that snapshot, and
//! `js/engine/apply.js` maps the plan back onto the live nodes. Out of the
//! page (an offscreen document or extension page, when the page's CSP forbids
//! WebAssembly), `cleanSnapshot`/`extractSnapshot`/`readerableSnapshot` judge
//! a snapshot that crossed a message channel; the content script applies the
//! plan with the same `apply.js`.
//!
//! Nothing here panics on bad input: malformed options or snapshots become
//! JavaScript `Error`s (see [`error`]), and a panic in the core is turned into
//! one as well, before the page has been touched.

// Panics at the boundary would trap instead of reporting; the core's own code
// is checked by its tests.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
// `newsclean_bench` is set through RUSTFLAGS by `make wasm-bench`.
#![allow(unexpected_cfgs)]

mod error;
mod from_js;
mod types;
#[cfg(newsclean_bench)]
mod walker;

use wasm_bindgen::prelude::*;

use crate::page::Page;
use crate::Options;
use error::Error;

#[wasm_bindgen(module = "/js/engine/snapshot.js")]
extern "C" {
    /// `{ snapshot, nodes, budgetHit }` for a live document.
    #[wasm_bindgen(catch, js_name = takeSnapshot)]
    fn take_snapshot(document: &JsValue, options: &JsValue) -> Result<JsValue, JsValue>;
}

#[wasm_bindgen(module = "/js/engine/apply.js")]
extern "C" {
    /// Applies a plan to the live nodes; returns the report with `undo()`.
    #[wasm_bindgen(catch, js_name = applyPlan)]
    fn apply_plan(nodes: &JsValue, plan: &JsValue) -> Result<JsValue, JsValue>;
}

/// Results go out through serde-wasm-bindgen as plain objects: camelCase
/// fields (the serde names in `crate::api`), maps as objects, missing values
/// as `null`, so they survive JSON and message channels unchanged and match
/// the CLI's `--format json`.
fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, Error> {
    const OUT: serde_wasm_bindgen::Serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value.serialize(&OUT).map_err(Error::Output)
}

fn get(object: &JsValue, key: &str) -> Result<JsValue, Error> {
    js_sys::Reflect::get(object, &JsValue::from_str(key)).map_err(Error::Js)
}

/// Walker options for the live-document entry points: the caller's object,
/// plus whether the id -> node table is wanted (only `clean` applies).
fn walker_options(options: &JsValue, nodes: bool) -> Result<JsValue, Error> {
    let out = js_sys::Object::new();
    if options.is_object() {
        js_sys::Object::assign(&out, options.unchecked_ref());
    }
    js_sys::Reflect::set(
        &out,
        &JsValue::from_str("nodes"),
        &JsValue::from_bool(nodes),
    )
    .map_err(Error::Js)?;
    Ok(out.into())
}

/// A live page's snapshot, built into a [`Page`].
struct Taken {
    page: Page,
    nodes: JsValue,
    budget_hit: bool,
}

fn take(document: &JsValue, options: &JsValue, nodes: bool) -> Result<Taken, Error> {
    let taken = take_snapshot(document, &walker_options(options, nodes)?).map_err(Error::Js)?;
    let snapshot = from_js::snapshot(&get(&taken, "snapshot")?)?;
    Ok(Taken {
        page: Page::from_snapshot(&snapshot)?,
        nodes: get(&taken, "nodes")?,
        budget_hit: get(&taken, "budgetHit")?.is_truthy(),
    })
}

/// Leaves the core what the walk left of the time budget: `maxMillis` covers
/// the whole call, walk included.
fn spend(opts: &mut Options, started: f64) {
    if opts.max_millis > 0 {
        let used = (js_sys::Date::now() - started).max(0.0) as u32;
        opts.max_millis = opts.max_millis.saturating_sub(used).max(1);
    }
}

fn page_from(snapshot: &JsValue) -> Result<Page, Error> {
    Ok(Page::from_snapshot(&from_js::snapshot(snapshot)?)?)
}

/// Removes clutter from the live `document` and returns what was removed.
///
/// Each removed element is listed with its kind, the rule that fired and the
/// start of its text; `counts` totals them per kind; `budgetHit` says the
/// work budget (`maxNodes`, `maxMillis`) stopped the judge early. `undo()`
/// puts every element back, leaving the page exactly as it was. On an error
/// the page is untouched.
#[wasm_bindgen(js_name = clean, unchecked_return_type = "CleanReport")]
pub fn clean_document(
    #[wasm_bindgen(unchecked_param_type = "Document")] document: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Options")] options: JsValue,
) -> Result<JsValue, JsValue> {
    error::install_panic_hook();
    let started = js_sys::Date::now();
    let mut opts = from_js::options(&options)?;
    let taken = take(&document, &options, true)?;
    spend(&mut opts, started);
    let mut plan = crate::clean(&taken.page, &opts);
    plan.budget_hit |= taken.budget_hit;
    let plan = to_js(&plan)?;
    Ok(apply_plan(&taken.nodes, &plan).map_err(Error::Js)?)
}

/// Finds the article in the live `document` for reading mode, or `null`.
/// Never changes the page.
#[wasm_bindgen(js_name = extract, unchecked_return_type = "Article | null")]
pub fn extract_document(
    #[wasm_bindgen(unchecked_param_type = "Document")] document: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Options")] options: JsValue,
) -> Result<JsValue, JsValue> {
    error::install_panic_hook();
    let started = js_sys::Date::now();
    let mut opts = from_js::options(&options)?;
    let taken = take(&document, &options, false)?;
    spend(&mut opts, started);
    Ok(to_js(&crate::extract(&taken.page, &opts))?)
}

/// A quick guess whether `extract` will find an article worth reading.
#[wasm_bindgen(js_name = isProbablyReaderable)]
pub fn is_probably_readerable(
    #[wasm_bindgen(unchecked_param_type = "Document")] document: JsValue,
) -> Result<bool, JsValue> {
    error::install_panic_hook();
    let taken = take(&document, &JsValue::UNDEFINED, false)?;
    Ok(crate::is_probably_readerable(&taken.page))
}

/// The clean plan for a snapshot judged outside the page (the page applies it
/// with `applyPlan` from `dom/apply.js`).
#[wasm_bindgen(js_name = cleanSnapshot, unchecked_return_type = "CleanPlan")]
pub fn clean_snapshot(
    #[wasm_bindgen(unchecked_param_type = "Snapshot")] snapshot: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Options")] options: JsValue,
) -> Result<JsValue, JsValue> {
    error::install_panic_hook();
    let opts = from_js::options(&options)?;
    let page = page_from(&snapshot)?;
    Ok(to_js(&crate::clean(&page, &opts))?)
}

/// The article of a snapshot judged outside the page, or `null`.
#[wasm_bindgen(js_name = extractSnapshot, unchecked_return_type = "Article | null")]
pub fn extract_snapshot(
    #[wasm_bindgen(unchecked_param_type = "Snapshot")] snapshot: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Options")] options: JsValue,
) -> Result<JsValue, JsValue> {
    error::install_panic_hook();
    let opts = from_js::options(&options)?;
    let page = page_from(&snapshot)?;
    Ok(to_js(&crate::extract(&page, &opts))?)
}

/// `isProbablyReaderable` for a snapshot judged outside the page.
#[wasm_bindgen(js_name = readerableSnapshot)]
pub fn readerable_snapshot(
    #[wasm_bindgen(unchecked_param_type = "Snapshot")] snapshot: JsValue,
) -> Result<bool, JsValue> {
    error::install_panic_hook();
    Ok(crate::is_probably_readerable(&page_from(&snapshot)?))
}

/// Lets a long-lived engine give back the memory a huge page made it grow:
/// WebAssembly memory never shrinks, so past `limit` bytes the glue starts a
/// fresh instance before the next call. The compiled code belongs to the
/// module, not the instance, so the fresh one is as warm. Returns whether it
/// will.
#[wasm_bindgen(js_name = releaseMemoryOver)]
pub fn release_memory_over(limit: f64) -> bool {
    let bytes = core::arch::wasm32::memory_size(0) as f64 * 65536.0;
    let over = bytes > limit;
    if over {
        wasm_bindgen::handler::schedule_reinit();
    }
    over
}
