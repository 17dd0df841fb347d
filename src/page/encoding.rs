//! Decoding page bytes: BOM, then a declared charset, then UTF-8 when the bytes
//! are valid UTF-8, else a legacy encoding guessed from the bytes.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How far into the page we look for `<meta charset>`. The HTML spec's prescan
/// stops at 1024 bytes; real pages put the tag after long `<head>` preambles, so
/// we look further.
const META_SCAN_BYTES: usize = 8192;

/// Decodes `bytes` to text. Never fails: invalid sequences become U+FFFD.
pub fn decode(bytes: &[u8]) -> Cow<'_, str> {
    let valid_utf8 = std::str::from_utf8(bytes).is_ok();
    let encoding = Encoding::for_bom(bytes)
        .map(|(enc, _)| enc)
        .or_else(|| {
            // Pages re-saved as UTF-8 keep their old `<meta charset>`. Legacy
            // multi-byte text is practically never valid UTF-8, so valid
            // UTF-8 with non-ASCII bytes outvotes a legacy declaration.
            declared(bytes).filter(|_| !valid_utf8 || bytes.is_ascii())
        })
        .unwrap_or_else(|| if valid_utf8 { UTF_8 } else { guess(bytes) });
    // decode() strips a BOM of any kind and replaces malformed sequences.
    let (text, _, _) = encoding.decode(bytes);
    text
}

/// The charset named by a `<meta charset>` or `http-equiv` content type.
fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(META_SCAN_BYTES)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut at = 0;
    while let Some(pos) = find(&lower[at..], b"<meta") {
        let start = at + pos + 5;
        let end = lower[start..]
            .iter()
            .position(|&c| c == b'>')
            .map_or(lower.len(), |e| start + e);
        if let Some(enc) = charset_in(&lower[start..end]) {
            // Per the HTML spec a page cannot declare itself UTF-16 in ASCII
            // markup; x-user-defined means windows-1252.
            return Some(if enc.name().starts_with("UTF-16") {
                UTF_8
            } else if enc.name() == "x-user-defined" {
                WINDOWS_1252
            } else {
                enc
            });
        }
        at = end;
    }
    None
}

fn charset_in(tag: &[u8]) -> Option<&'static Encoding> {
    let pos = find(tag, b"charset")?;
    let mut rest = &tag[pos + 7..];
    rest = trim_start(rest);
    rest = rest.strip_prefix(b"=")?;
    rest = trim_start(rest);
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let len = rest
        .iter()
        .position(|&c| c.is_ascii_whitespace() || matches!(c, b'"' | b'\'' | b';' | b'/' | b'>'))
        .unwrap_or(rest.len());
    Encoding::for_label(&rest[..len])
}

fn trim_start(mut s: &[u8]) -> &[u8] {
    while let [c, rest @ ..] = s {
        if c.is_ascii_whitespace() {
            s = rest;
        } else {
            break;
        }
    }
    s
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Guesses a legacy encoding for bytes that are not valid UTF-8.
fn guess(bytes: &[u8]) -> &'static Encoding {
    let mut det = chardetng::EncodingDetector::new();
    det.feed(bytes, true);
    det.guess(None, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_wins() {
        assert_eq!(decode(b"\xEF\xBB\xBFcaf\xC3\xA9"), "café");
        assert_eq!(decode(b"\xFF\xFEh\0i\0"), "hi");
    }

    #[test]
    fn meta_charset_is_followed() {
        let page = b"<html><head><meta charset=\"iso-8859-1\"></head><body>caf\xE9</body>";
        assert!(decode(page).contains("café"));
        let page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">\xcf\xf0\xe8\xe2\xe5\xf2";
        assert!(decode(page).contains("Привет"));
    }

    #[test]
    fn utf8_outvotes_a_stale_legacy_declaration() {
        let page = "<meta charset=\"gb2312\"><p>谷歌的人工智能</p>";
        assert!(decode(page.as_bytes()).contains("谷歌的人工智能"));
    }

    #[test]
    fn valid_utf8_without_declaration() {
        assert!(decode("<p>Grüße 世界</p>".as_bytes()).contains("Grüße 世界"));
    }

    #[test]
    fn invalid_bytes_never_panic() {
        let junk: Vec<u8> = (0..=255u8).cycle().take(5000).collect();
        let text = decode(&junk);
        assert!(!text.is_empty());
        let text = decode(b"<meta charset=utf-8>\xFF\xFEok");
        assert!(text.contains('\u{FFFD}') && text.ends_with("ok"));
    }
}
