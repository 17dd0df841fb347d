//! Reading `<img>` tags out of `<noscript>` text.
//!
//! With scripting on (browsers, and html5ever's default), a `<noscript>`'s
//! content is raw text. Lazy-loading sites put the real image there, so we
//! scan it for tags by hand: the WASM build has no HTML parser.

/// The attributes of the single `<img>` in `text`, when the text holds exactly
/// one image and nothing else but whitespace and wrapper tags.
pub fn single_image(text: &str) -> Option<Vec<(String, String)>> {
    let mut images = Vec::new();
    let mut rest = text;
    while let Some(lt) = rest.find('<') {
        if !rest[..lt].trim().is_empty() {
            return None;
        }
        let tag = &rest[lt + 1..];
        let end = tag_end(tag)?;
        let inner = &tag[..end];
        let name_len = inner
            .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
            .unwrap_or(inner.len());
        if inner[..name_len].eq_ignore_ascii_case("img") {
            images.push(parse_attrs(&inner[name_len..]));
        }
        rest = &tag[end + 1..];
    }
    if !rest.trim().is_empty() || images.len() != 1 {
        return None;
    }
    images.pop()
}

/// Index of the `>` closing a tag, skipping quoted attribute values.
fn tag_end(tag: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in tag.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '>' => return Some(i),
            None => {}
        }
    }
    None
}

fn parse_attrs(mut s: &str) -> Vec<(String, String)> {
    let mut attrs: Vec<(String, String)> = Vec::new();
    loop {
        s = s.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if s.is_empty() {
            return attrs;
        }
        let name_end = s
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .unwrap_or(s.len());
        let name = s[..name_end].to_ascii_lowercase();
        s = s[name_end..].trim_start();
        let mut value = String::new();
        if let Some(after) = s.strip_prefix('=') {
            let after = after.trim_start();
            let (raw, rest) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let body = &after[1..];
                    let close = body.find(q).unwrap_or(body.len());
                    (&body[..close], body.get(close + 1..).unwrap_or(""))
                }
                _ => {
                    let end = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..end], &after[end..])
                }
            };
            value = decode_entities(raw);
            s = rest;
        }
        if !name.is_empty() && !attrs.iter().any(|(n, _)| *n == name) {
            attrs.push((name, value));
        }
    }
}

/// Decodes the character references that appear in attribute values.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let semi = after.find(';').filter(|&i| i <= 10);
        let decoded = semi.and_then(|i| {
            let ent = &after[..i];
            let c = match ent {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => {
                    let num = ent.strip_prefix('#')?;
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    Some(
                        char::from_u32(code)
                            .filter(|&c| c != '\0')
                            .unwrap_or('\u{FFFD}'),
                    )
                }
            }?;
            Some((c, i))
        });
        match decoded {
            Some((c, i)) => {
                out.push(c);
                rest = &after[i + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_one_image() {
        let a = single_image(r#" <img src="/a.jpg?x=1&amp;y=2" alt='A "b"'> "#).unwrap();
        assert_eq!(a[0], ("src".to_owned(), "/a.jpg?x=1&y=2".to_owned()));
        assert_eq!(a[1], ("alt".to_owned(), "A \"b\"".to_owned()));
        assert!(single_image("<div><img src=x.png /></div>").is_some());
    }

    #[test]
    fn rejects_text_and_many_images() {
        assert!(single_image("<img src=a.png><img src=b.png>").is_none());
        assert!(single_image("Enable JavaScript <img src=a.png>").is_none());
        assert!(single_image("<img src=a.png").is_none());
        assert!(single_image("").is_none());
    }
}
