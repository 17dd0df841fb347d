//! JavaScript values in: the options (through serde-wasm-bindgen) and the
//! snapshot.
//!
//! The snapshot is read field by field rather than through serde: serde
//! crosses the boundary once per array element, while a typed array crosses
//! as one copy, which keeps a 50,000-node page's transfer well under a
//! millisecond.

use js_sys::{Array, Reflect, Uint32Array, Uint8Array};
use serde::de::value::StrDeserializer;
use serde::de::{DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

use super::error::{message_of, Error};
use crate::page::snapshot::Snapshot;
use crate::{Kind, Options};

/// The options object as JavaScript passes it (the `Options` of the `.d.ts`):
/// every field optional, `null` or `undefined` meaning the default.
#[derive(Deserialize)]
#[serde(rename = "Options", rename_all = "camelCase", deny_unknown_fields)]
struct JsOptions {
    kinds: Option<Vec<Kind>>,
    url: Option<String>,
    max_nodes: Option<u32>,
    max_millis: Option<u32>,
    char_threshold: Option<u32>,
    markdown: Option<bool>,
    /// Read by the walker (`takeSnapshot`), not by the core: only checked here.
    #[allow(dead_code)]
    computed_hidden: Option<bool>,
    /// As `computed_hidden`.
    #[allow(dead_code)]
    zero_size: Option<bool>,
}

/// The options object, or the defaults for `undefined`/`null`. Unknown fields
/// and values of the wrong type are errors that name the field.
pub(crate) fn options(value: &JsValue) -> Result<Options, Error> {
    if value.is_undefined() || value.is_null() {
        return Ok(Options::default());
    }
    if !value.is_object() || Array::is_array(value) {
        return Err(Error::Options("expected an object".into()));
    }
    let fields = Fields {
        entries: object_entries(value).map_err(Error::Js)?,
        next: 0,
        key: String::new(),
        value: JsValue::UNDEFINED,
    };
    let JsOptions {
        kinds,
        url,
        max_nodes,
        max_millis,
        char_threshold,
        markdown,
        ..
    } = JsOptions::deserialize(fields).map_err(|e| Error::Options(message_of(e)))?;
    // Every field is named, so a field added to `Options` fails to compile
    // here until it is set.
    let defaults = Options::default();
    Ok(Options {
        kinds: kinds.unwrap_or(defaults.kinds),
        url,
        max_nodes: max_nodes.map_or(defaults.max_nodes, |n| n as usize),
        max_millis: max_millis.unwrap_or(defaults.max_millis),
        char_threshold: char_threshold.map_or(defaults.char_threshold, |n| n as usize),
        markdown: markdown.unwrap_or(defaults.markdown),
    })
}

#[wasm_bindgen]
extern "C" {
    /// `Object.entries`, with whatever a getter throws caught.
    #[wasm_bindgen(catch, js_namespace = Object, js_name = entries)]
    fn object_entries(object: &JsValue) -> Result<Array, JsValue>;
}

/// An object's own fields (`[key, value]` pairs from `Object.entries`) as a
/// serde map, each value read by serde-wasm-bindgen. serde-wasm-bindgen
/// itself reads a struct by looking up only the fields the struct has, so
/// `deny_unknown_fields` would never meet an unknown one; here serde sees
/// every key, and an error in a value names its field.
struct Fields {
    entries: Array,
    next: u32,
    /// The key of the value read next.
    key: String,
    value: JsValue,
}

impl<'de> Deserializer<'de> for Fields {
    type Error = serde_wasm_bindgen::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_map(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

impl<'de> MapAccess<'de> for Fields {
    type Error = serde_wasm_bindgen::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Self::Error> {
        if self.next >= self.entries.length() {
            return Ok(None);
        }
        let entry: Array = self.entries.get(self.next).unchecked_into();
        self.next += 1;
        self.key = entry.get(0).as_string().unwrap_or_default();
        self.value = entry.get(1);
        seed.deserialize(StrDeserializer::new(&self.key)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, Self::Error> {
        let value = std::mem::replace(&mut self.value, JsValue::UNDEFINED);
        seed.deserialize(serde_wasm_bindgen::Deserializer::from(value))
            .map_err(|e| {
                serde_wasm_bindgen::Error::new(format_args!("`{}`: {}", self.key, message_of(e)))
            })
    }
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
