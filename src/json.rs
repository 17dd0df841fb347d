//! A small JSON reader for JSON-LD metadata.
//!
//! The WASM build stays small without serde_json; this reads only what
//! JSON-LD needs, bounded in depth so hostile input cannot exhaust the stack.

use std::collections::BTreeMap;

/// A JSON value.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    Arr(Vec<Json>),
    Obj(BTreeMap<String, Json>),
}

/// Nesting deeper than this is refused (JSON-LD is a few levels deep).
const MAX_DEPTH: usize = 64;

impl Json {
    /// Parses `text`; `None` when it is not JSON.
    pub fn parse(text: &str) -> Option<Json> {
        let mut p = Parser {
            s: text.as_bytes(),
            i: 0,
        };
        let v = p.value(0)?;
        p.ws();
        (p.i == p.s.len()).then_some(v)
    }

    /// A member of an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Obj(m) => m.get(key),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The elements, if this is an array.
    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Arr(a) => Some(a),
            _ => None,
        }
    }
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn ws(&mut self) {
        while self.i < self.s.len() && matches!(self.s[self.i], b' ' | b'\t' | b'\n' | b'\r') {
            self.i += 1;
        }
    }

    fn eat(&mut self, b: u8) -> bool {
        self.ws();
        if self.s.get(self.i) == Some(&b) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn value(&mut self, depth: usize) -> Option<Json> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.ws();
        match *self.s.get(self.i)? {
            b'{' => {
                self.i += 1;
                let mut m = BTreeMap::new();
                if self.eat(b'}') {
                    return Some(Json::Obj(m));
                }
                loop {
                    self.ws();
                    let k = self.string()?;
                    if !self.eat(b':') {
                        return None;
                    }
                    let v = self.value(depth + 1)?;
                    m.entry(k).or_insert(v);
                    if self.eat(b',') {
                        continue;
                    }
                    return self.eat(b'}').then_some(Json::Obj(m));
                }
            }
            b'[' => {
                self.i += 1;
                let mut a = Vec::new();
                if self.eat(b']') {
                    return Some(Json::Arr(a));
                }
                loop {
                    a.push(self.value(depth + 1)?);
                    if self.eat(b',') {
                        continue;
                    }
                    return self.eat(b']').then_some(Json::Arr(a));
                }
            }
            b'"' => self.string().map(Json::Str),
            b't' => self.word("true", Json::Bool(true)),
            b'f' => self.word("false", Json::Bool(false)),
            b'n' => self.word("null", Json::Null),
            _ => self.number(),
        }
    }

    fn word(&mut self, w: &str, v: Json) -> Option<Json> {
        if self.s[self.i..].starts_with(w.as_bytes()) {
            self.i += w.len();
            Some(v)
        } else {
            None
        }
    }

    fn number(&mut self) -> Option<Json> {
        let start = self.i;
        while self.i < self.s.len()
            && matches!(
                self.s[self.i],
                b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9'
            )
        {
            self.i += 1;
        }
        number_value(&self.s[start..self.i]).map(Json::Num)
    }

    fn hex4(&mut self) -> Option<u32> {
        let h = self.s.get(self.i..self.i + 4)?;
        self.i += 4;
        u32::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok()
    }

    fn string(&mut self) -> Option<String> {
        if self.s.get(self.i) != Some(&b'"') {
            return None;
        }
        self.i += 1;
        let mut out: Vec<u8> = Vec::new();
        loop {
            let b = *self.s.get(self.i)?;
            self.i += 1;
            match b {
                b'"' => return String::from_utf8(out).ok(),
                b'\\' => {
                    let e = *self.s.get(self.i)?;
                    self.i += 1;
                    let c = match e {
                        b'n' => '\n',
                        b't' => '\t',
                        b'r' => '\r',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'u' => {
                            let hi = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&hi)
                                && self.s[self.i..].starts_with(b"\\u")
                            {
                                self.i += 2;
                                let lo = self.hex4()?;
                                0x10000 + ((hi - 0xD800) << 10) + (lo.wrapping_sub(0xDC00) & 0x3FF)
                            } else {
                                hi
                            };
                            char::from_u32(code).unwrap_or('\u{FFFD}')
                        }
                        other => other as char,
                    };
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                }
                _ => out.push(b),
            }
        }
    }
}

/// A JSON-LD number: the grammar `f64::from_str` accepts (sign, digits with
/// an optional point, optional exponent), the value only approximately. No
/// number of JSON-LD is ever read, and `f64::from_str` brings 12 KB of
/// tables into the `.wasm`.
fn number_value(s: &[u8]) -> Option<f64> {
    let mut i = usize::from(matches!(s.first(), Some(b'-' | b'+')));
    let (mut mantissa, mut digits, mut exp) = (0f64, 0u32, 0i32);
    let mut point = false;
    while let Some(&b) = s.get(i) {
        match b {
            b'0'..=b'9' => {
                mantissa = mantissa * 10.0 + f64::from(b - b'0');
                digits += 1;
                exp -= i32::from(point);
            }
            b'.' if !point => point = true,
            _ => break,
        }
        i += 1;
    }
    if digits == 0 {
        return None;
    }
    if let Some(b'e' | b'E') = s.get(i) {
        i += 1;
        let negative = s.get(i) == Some(&b'-');
        i += usize::from(matches!(s.get(i), Some(b'-' | b'+')));
        let (mut e, mut e_digits) = (0i32, 0u32);
        while let Some(&b @ b'0'..=b'9') = s.get(i) {
            e = e.saturating_mul(10).saturating_add(i32::from(b - b'0'));
            e_digits += 1;
            i += 1;
        }
        if e_digits == 0 {
            return None;
        }
        exp = exp.saturating_add(if negative { -e } else { e });
    }
    if i != s.len() {
        return None;
    }
    let value = mantissa * 10f64.powi(exp);
    Some(if s.first() == Some(&b'-') {
        -value
    } else {
        value
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_the_grammar_of_f64_from_str() {
        for n in [
            "0", "-1", "+2", "1.5", "1.", ".5", "-.5", "1e5", "1E+5", "2.5e-3", "007", ".", "-",
            "+", "e5", "1e", "1e+", "1.2.3", "1-2", "--1", "1e5.5", ".e1", "1ee2", "",
        ] {
            assert_eq!(
                number_value(n.as_bytes()).is_some(),
                n.parse::<f64>().is_ok(),
                "{n:?}"
            );
        }
        assert_eq!(number_value(b"-2.5e2"), Some(-250.0));
    }

    #[test]
    fn parses_json_ld() {
        let v = Json::parse(r#" {"@type":"NewsArticle","headline":"A \"b\" \u00e9\ud83d\ude00","author":[{"name":"X"}],"n":1.5e2,"ok":true,"none":null} "#).unwrap();
        assert_eq!(
            v.get("headline").and_then(Json::as_str),
            Some("A \"b\" é😀")
        );
        assert_eq!(
            v.get("author").and_then(Json::as_array).map(|a| a.len()),
            Some(1)
        );
        assert_eq!(v.get("n"), Some(&Json::Num(150.0)));
    }

    #[test]
    fn refuses_garbage_and_depth() {
        assert!(Json::parse("{").is_none());
        assert!(Json::parse("[1,]").is_none());
        assert!(Json::parse(&"[".repeat(10_000)).is_none());
        assert!(Json::parse("{} x").is_none());
    }
}
