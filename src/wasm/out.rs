//! Results out: written as JSON text in Rust and parsed by the engine's own
//! `JSON.parse`. One string crosses the boundary instead of a call per field,
//! and serde's serializer (8 KB of the `.wasm`) stays out of the build. The
//! shapes are those of the CLI's `--format json` (serde_json on the same
//! types): camelCase fields, `null` for missing values.

use wasm_bindgen::JsValue;

use super::error::Error;
use crate::api::{Article, CleanPlan};

/// A JSON object being written.
struct Object {
    out: String,
    first: bool,
}

impl Object {
    fn new() -> Self {
        Object {
            out: String::from("{"),
            first: true,
        }
    }

    fn key(&mut self, key: &str) -> &mut String {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        string(&mut self.out, key);
        self.out.push(':');
        &mut self.out
    }

    fn str(&mut self, key: &str, value: &str) {
        string(self.key(key), value);
    }

    fn opt(&mut self, key: &str, value: Option<&str>) {
        match value {
            Some(v) => self.str(key, v),
            None => self.key(key).push_str("null"),
        }
    }

    fn num(&mut self, key: &str, value: usize) {
        self.key(key).push_str(&value.to_string());
    }

    fn raw(&mut self, key: &str, json: &str) {
        self.key(key).push_str(json);
    }

    fn end(mut self) -> String {
        self.out.push('}');
        self.out
    }
}

/// `value` as a JSON string literal.
fn string(out: &mut String, value: &str) {
    out.reserve(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                let b = u32::from(c);
                out.push_str(if b < 16 { "\\u000" } else { "\\u001" });
                out.extend(char::from_digit(b & 15, 16));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn article(a: &Article) -> String {
    let mut o = Object::new();
    o.str("title", &a.title);
    o.opt("byline", a.byline.as_deref());
    o.opt("siteName", a.site_name.as_deref());
    o.opt("publishedTime", a.published_time.as_deref());
    o.opt("lang", a.lang.as_deref());
    o.opt("dir", a.dir.as_deref());
    o.opt("excerpt", a.excerpt.as_deref());
    o.str("content", &a.content);
    o.str("textContent", &a.text_content);
    o.num("length", a.length);
    o.num("readingMinutes", a.reading_minutes as usize);
    if let Some(md) = &a.markdown {
        o.str("markdown", md);
    }
    o.end()
}

fn plan(p: &CleanPlan) -> String {
    let mut removed = String::from("[");
    for (i, r) in p.removed.iter().enumerate() {
        if i > 0 {
            removed.push(',');
        }
        let mut o = Object::new();
        o.num("node", r.node.index());
        o.str("kind", r.kind.as_str());
        o.str("reason", &r.reason);
        o.str("text", &r.text);
        removed.push_str(&o.end());
    }
    removed.push(']');
    let mut counts = Object::new();
    for (kind, n) in &p.counts {
        counts.num(kind.as_str(), *n);
    }
    let mut o = Object::new();
    o.raw("removed", &removed);
    o.raw("counts", &counts.end());
    o.raw("budgetHit", if p.budget_hit { "true" } else { "false" });
    o.end()
}

fn parse(json: &str) -> Result<JsValue, Error> {
    js_sys::JSON::parse(json).map_err(Error::Js)
}

/// The article as a plain object, or `null`.
pub(crate) fn article_js(a: Option<&Article>) -> Result<JsValue, Error> {
    a.map_or(Ok(JsValue::NULL), |a| parse(&article(a)))
}

/// The clean plan as a plain object.
pub(crate) fn plan_js(p: &CleanPlan) -> Result<JsValue, Error> {
    parse(&plan(p))
}
