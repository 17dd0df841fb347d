//! Decoding page bytes: BOM, then a declared charset, then UTF-8 when the bytes
//! are valid UTF-8, else a legacy encoding guessed from the bytes.

use encoding_rs::{CoderResult, Encoding, UTF_8, WINDOWS_1252};

/// How far into the page we look for `<meta charset>`. The HTML spec's prescan
/// stops at 1024 bytes; real pages put the tag after long `<head>` preambles, so
/// we look further.
const META_SCAN_BYTES: usize = 8192;

/// Decodes `bytes` to text, handing it to `f` in pieces of about `size`
/// bytes (never splitting a character), so a large page is never held twice.
/// Never fails: invalid sequences become U+FFFD.
pub fn decode_in_pieces(bytes: &[u8], size: usize, mut f: impl FnMut(&str)) {
    let utf8 = std::str::from_utf8(bytes).ok();
    let encoding = encoding_of(bytes, utf8.is_some());
    if let Some(text) = utf8.filter(|_| encoding == UTF_8) {
        pieces(text.strip_prefix('\u{FEFF}').unwrap_or(text), size).for_each(f);
        return;
    }
    // The decoder strips a BOM of any kind and replaces malformed sequences.
    let mut decoder = encoding.new_decoder();
    let mut out = String::with_capacity(size.max(16));
    let inputs = bytes.chunks(size.max(1)).map(|c| (c, false));
    for (mut input, last) in inputs.chain([(&[][..], true)]) {
        loop {
            let (result, read, _) = decoder.decode_to_string(input, &mut out, last);
            input = &input[read..];
            if !out.is_empty() {
                f(&out);
                out.clear();
            }
            if result == CoderResult::InputEmpty {
                break;
            }
        }
    }
}

/// `text` in consecutive pieces of at least `size` bytes (the last may be
/// shorter), each ending on a character boundary.
pub fn pieces(mut text: &str, size: usize) -> impl Iterator<Item = &str> {
    std::iter::from_fn(move || {
        if text.is_empty() {
            return None;
        }
        let mut at = size.clamp(1, text.len());
        while !text.is_char_boundary(at) {
            at += 1;
        }
        let (head, tail) = text.split_at(at);
        text = tail;
        Some(head)
    })
}

/// The page's encoding: its BOM's, else a declared charset, else UTF-8 when
/// the bytes are valid UTF-8, else a legacy encoding guessed from the bytes.
fn encoding_of(bytes: &[u8], valid_utf8: bool) -> &'static Encoding {
    Encoding::for_bom(bytes)
        .map(|(enc, _)| enc)
        .or_else(|| {
            // Pages re-saved as UTF-8 keep their old `<meta charset>`. Legacy
            // multi-byte text is practically never valid UTF-8, so valid
            // UTF-8 with non-ASCII bytes outvotes a legacy declaration.
            declared(bytes).filter(|_| !valid_utf8 || bytes.is_ascii())
        })
        .unwrap_or_else(|| if valid_utf8 { UTF_8 } else { guess(bytes) })
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

    /// The whole text at once, from the pieces.
    fn decode(bytes: &[u8]) -> String {
        let mut text = String::new();
        decode_in_pieces(bytes, 1 << 16, |piece| text.push_str(piece));
        text
    }

    #[test]
    fn pieces_join_to_what_encoding_rs_decodes() {
        let mut junk: Vec<u8> = (0..=255u8).cycle().take(3000).collect();
        junk.extend_from_slice("Grüße 世界 \u{1F600}".as_bytes());
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(b"h\0i\0\x3D\xD8\x00\xDE".iter().copied())
            .collect();
        let cases: [&[u8]; 5] = [
            &junk,
            "\u{FEFF}<p>Grüße 世界 \u{1F600}</p>".as_bytes(),
            b"<meta charset=\"iso-8859-1\">caf\xE9",
            &utf16,
            b"",
        ];
        for bytes in cases {
            let valid_utf8 = std::str::from_utf8(bytes).is_ok();
            let whole = encoding_of(bytes, valid_utf8).decode(bytes).0;
            for size in [1, 2, 3, 7, 64, 1 << 16] {
                let mut pieces = Vec::new();
                decode_in_pieces(bytes, size, |p| pieces.push(p.to_owned()));
                assert_eq!(pieces.concat(), whole, "piece size {size}");
                assert!(pieces.iter().all(|p| !p.is_empty()));
            }
        }
    }

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
