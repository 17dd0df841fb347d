//! JavaScript values in: the snapshot and the options.
//!
//! The snapshot is read field by field rather than through serde: serde
//! crosses the boundary once per array element, while a typed array crosses
//! as one copy, which keeps a 50,000-node page's transfer well under a
//! millisecond.

use js_sys::{Array, Reflect, Uint32Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

use super::error::Error;
use crate::page::snapshot::Snapshot;
use crate::{Kind, Options};

/// The options object, or the defaults for `undefined`/`null`; `null` or a
/// missing field means the default. Fields the core does not know (the
/// walker's `computedHidden`, `zeroSize`) are ignored.
///
/// Read by hand rather than through serde: serde's deserializer and its error
/// messages (which format floats) were a third of the `.wasm`.
pub(crate) fn options(value: &JsValue) -> Result<Options, Error> {
    let mut options = Options::default();
    if value.is_undefined() || value.is_null() {
        return Ok(options);
    }
    if !value.is_object() {
        return Err(Error::Options("expected an object".into()));
    }
    // Every field is named, so a field added to `Options` fails to compile
    // here until it is read.
    let Options {
        kinds,
        url,
        max_nodes,
        max_millis,
        char_threshold,
        markdown,
    } = &mut options;
    if let Some(v) = option_field(value, "kinds")? {
        *kinds = read_kinds(&v)?;
    }
    if let Some(v) = option_field(value, "url")? {
        *url = Some(
            v.as_string()
                .ok_or_else(|| Error::Options("`url` must be a string".into()))?,
        );
    }
    if let Some(v) = option_field(value, "maxNodes")? {
        *max_nodes = whole(&v, "maxNodes", u32::MAX)? as usize;
    }
    if let Some(v) = option_field(value, "maxMillis")? {
        *max_millis = whole(&v, "maxMillis", u32::MAX)? as u32;
    }
    if let Some(v) = option_field(value, "charThreshold")? {
        *char_threshold = whole(&v, "charThreshold", u32::MAX)? as usize;
    }
    if let Some(v) = option_field(value, "markdown")? {
        *markdown = v
            .as_bool()
            .ok_or_else(|| Error::Options("`markdown` must be true or false".into()))?;
    }
    Ok(options)
}

fn option_field(object: &JsValue, key: &str) -> Result<Option<JsValue>, Error> {
    let v = Reflect::get(object, &JsValue::from_str(key)).map_err(Error::Js)?;
    Ok((!v.is_undefined() && !v.is_null()).then_some(v))
}

fn whole(v: &JsValue, what: &str, max: u32) -> Result<u64, Error> {
    v.as_f64()
        .filter(|n| n.fract() == 0.0 && *n >= 0.0 && *n <= f64::from(max))
        .map(|n| n as u64)
        .ok_or_else(|| Error::Options(format!("`{what}` must be a whole number from 0 to {max}")))
}

fn read_kinds(v: &JsValue) -> Result<Vec<Kind>, Error> {
    let array = v
        .dyn_ref::<Array>()
        .ok_or_else(|| Error::Options("`kinds` must be an array of kind names".into()))?;
    array
        .iter()
        .map(|k| {
            let name = k.as_string();
            name.as_deref().and_then(Kind::parse).ok_or_else(|| {
                let known: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
                let what = name.map_or_else(|| "a non-string".to_owned(), |n| format!("\"{n}\""));
                Error::Options(format!(
                    "`kinds`: unknown kind {what} (known: {})",
                    known.join(", ")
                ))
            })
        })
        .collect()
}

/// Reads a snapshot made by `takeSnapshot` (typed arrays), or the same with
/// plain arrays after a JSON round trip.
pub(crate) fn snapshot(value: &JsValue) -> Result<Snapshot, Error> {
    if !value.is_object() {
        return Err(Error::Snapshot("expected an object".into()));
    }
    let field = |key: &str| Reflect::get(value, &JsValue::from_str(key)).map_err(Error::Js);
    let version = field("v")?
        .as_f64()
        .filter(|v| v.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(v))
        .ok_or_else(|| Error::Snapshot("`v` must be the format version".into()))?;
    let url = field("url")?;
    let url = if url.is_undefined() || url.is_null() {
        None
    } else {
        Some(string(url, "url")?)
    };
    Ok(Snapshot {
        v: version as u32,
        url,
        names: names(field("names")?)?,
        depth: u32s(field("depth")?, "depth")?,
        kind: u8s(field("kind")?, "kind", false)?,
        name: u32s(field("name")?, "name")?,
        flags: u8s(field("flags")?, "flags", true)?,
        text: string(field("text")?, "text")?,
        text_len: u32s(field("textLen")?, "textLen")?,
        attr_count: u32s(field("attrCount")?, "attrCount")?,
        attr_name: u32s(field("attrName")?, "attrName")?,
        attr_value: string(field("attrValue")?, "attrValue")?,
        attr_len: u32s(field("attrLen")?, "attrLen")?,
    })
}

fn string(value: JsValue, what: &str) -> Result<String, Error> {
    value
        .as_string()
        .ok_or_else(|| Error::Snapshot(format!("`{what}` must be a string")))
}

fn names(value: JsValue) -> Result<Vec<String>, Error> {
    let array = value
        .dyn_into::<Array>()
        .map_err(|_| Error::Snapshot("`names` must be an array of strings".into()))?;
    array.iter().map(|n| string(n, "names[]")).collect()
}

fn u32s(value: JsValue, what: &str) -> Result<Vec<u32>, Error> {
    if let Some(typed) = value.dyn_ref::<Uint32Array>() {
        return Ok(typed.to_vec());
    }
    if Array::is_array(&value) {
        return Ok(Uint32Array::new(&value).to_vec());
    }
    Err(Error::Snapshot(format!(
        "`{what}` must be an array or a Uint32Array"
    )))
}

fn u8s(value: JsValue, what: &str, optional: bool) -> Result<Vec<u8>, Error> {
    if optional && (value.is_undefined() || value.is_null()) {
        return Ok(Vec::new());
    }
    if let Some(typed) = value.dyn_ref::<Uint8Array>() {
        return Ok(typed.to_vec());
    }
    if Array::is_array(&value) {
        return Ok(Uint8Array::new(&value).to_vec());
    }
    Err(Error::Snapshot(format!(
        "`{what}` must be an array or a Uint8Array"
    )))
}
