//! The one place where failures become JavaScript values.

use wasm_bindgen::prelude::*;

use crate::page::PageError;

/// Everything that can go wrong between JavaScript and the core.
pub(crate) enum Error {
    /// The options object does not describe [`crate::Options`].
    Options(String),
    /// The snapshot object lacks a field or has one of the wrong type.
    Snapshot(String),
    /// The snapshot's fields do not describe a tree.
    Page(PageError),
    /// A result could not be turned into a JavaScript value.
    Output(serde_wasm_bindgen::Error),
    /// A JavaScript function we called threw (the walker, the applier); the
    /// value is passed on unchanged.
    Js(JsValue),
}

impl From<PageError> for Error {
    fn from(e: PageError) -> Self {
        Error::Page(e)
    }
}

impl From<Error> for JsValue {
    fn from(e: Error) -> JsValue {
        let message = match e {
            Error::Js(value) => return value,
            Error::Options(e) => format!("newsclean: bad options: {e}"),
            Error::Snapshot(why) => format!("newsclean: bad snapshot: {why}"),
            Error::Page(e) => format!("newsclean: {e}"),
            Error::Output(e) => format!("newsclean: cannot return the result: {}", message_of(e)),
        };
        JsError::new(&message).into()
    }
}

/// The message of a serde-wasm-bindgen error (a JavaScript `Error`, or a
/// value some JavaScript threw), without the "Error: " prefix.
pub(crate) fn message_of(e: serde_wasm_bindgen::Error) -> String {
    let value = JsValue::from(e);
    match value.dyn_ref::<js_sys::Error>() {
        Some(error) => String::from(error.message()),
        None => format!("{value:?}"),
    }
}

/// Turns a panic into a JavaScript `Error` instead of a trap, and has the
/// glue start a fresh instance before the next call: unwinding out of the
/// panic skips Rust's clean-up (the shadow stack, the panic count), so this
/// instance must not be used again. Called by every export (a fresh instance
/// has no hook yet); a `#[wasm_bindgen(start)]` function would be exported
/// to JavaScript as well.
pub(crate) fn install_panic_hook() {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            wasm_bindgen::handler::schedule_reinit();
            wasm_bindgen::throw_str(&format!("newsclean: internal error: {info}"));
        }));
    });
}
