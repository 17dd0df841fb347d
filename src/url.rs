//! URL resolution and vetting for reading-mode output (RFC 3986 §5.2), small
//! enough for the WASM build.

/// What a URL is for; decides which schemes pass.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum UrlKind {
    /// `<a href>`: http, https, mailto.
    Link,
    /// `<img src>`: http, https, raster `data:image/…`.
    Image,
    /// Video, audio, embeds: http, https.
    Media,
}

/// Raster image types allowed as `data:` URLs (no SVG: it can carry script).
const DATA_IMAGE_TYPES: &[&str] = &[
    "image/png",
    "image/jpeg",
    "image/jpg",
    "image/gif",
    "image/webp",
    "image/avif",
];

/// Longest URL kept: anything longer is junk or an attack.
const MAX_URL_LEN: usize = 8192;
/// Longest `data:` image kept.
const MAX_DATA_URL_LEN: usize = 512 * 1024;

fn scheme_of(s: &str) -> Option<(&str, &str)> {
    let colon = s.find(':')?;
    let scheme = &s[..colon];
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then(|| (scheme, &s[colon + 1..]))
}

/// Resolves `value` against `base` and vets its scheme; `None` drops it.
pub fn resolve(base: Option<&str>, value: &str, kind: UrlKind) -> Option<String> {
    // Browsers strip leading/trailing C0 controls and spaces, and tabs and
    // newlines anywhere ("java\tscript:" is "javascript:").
    let cleaned: String = value
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    if cleaned.is_empty() {
        return None;
    }
    if let Some((scheme, rest)) = scheme_of(&cleaned) {
        let scheme = scheme.to_ascii_lowercase();
        return match scheme.as_str() {
            "http" | "https" if cleaned.len() <= MAX_URL_LEN => Some(format!("{scheme}:{rest}")),
            "mailto" if kind == UrlKind::Link && cleaned.len() <= MAX_URL_LEN => {
                Some(format!("mailto:{rest}"))
            }
            "data" if kind == UrlKind::Image && cleaned.len() <= MAX_DATA_URL_LEN => {
                let media = rest
                    .split([';', ','])
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase();
                DATA_IMAGE_TYPES
                    .contains(&media.as_str())
                    .then(|| format!("data:{rest}"))
            }
            _ => None,
        };
    }
    if cleaned.len() > MAX_URL_LEN {
        return None;
    }
    let Some(base) = base.and_then(Base::parse) else {
        // No usable base: a relative reference cannot name a scheme, keep it.
        return Some(cleaned);
    };
    Some(base.join(&cleaned))
}

/// The lowercase host of an absolute http(s) URL.
pub fn host(url: &str) -> Option<String> {
    let (scheme, rest) = scheme_of(url)?;
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return None;
    }
    let rest = rest.strip_prefix("//")?;
    // Browsers end an http(s) authority at a backslash too: the host of
    // "https://evil.example\@www.youtube.com/" is evil.example.
    let authority = &rest[..rest.find(['/', '\\', '?', '#']).unwrap_or(rest.len())];
    let hostport = authority.rsplit('@').next()?;
    let host = match hostport.strip_prefix('[') {
        Some(v6) => v6.split(']').next()?,
        None => hostport.split(':').next()?,
    };
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

struct Base<'a> {
    scheme: String,
    authority: &'a str,
    path: &'a str,
    query: Option<&'a str>,
}

impl<'a> Base<'a> {
    fn parse(base: &'a str) -> Option<Base<'a>> {
        let (scheme, rest) = scheme_of(base.trim())?;
        let scheme = scheme.to_ascii_lowercase();
        if scheme != "http" && scheme != "https" {
            return None;
        }
        let rest = rest.strip_prefix("//")?;
        let rest = &rest[..rest.find('#').unwrap_or(rest.len())];
        let auth_end = rest.find(['/', '?']).unwrap_or(rest.len());
        let authority = &rest[..auth_end];
        let after = &rest[auth_end..];
        let (path, query) = match after.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (after, None),
        };
        Some(Base {
            scheme,
            authority,
            path,
            query,
        })
    }

    fn join(&self, r: &str) -> String {
        let (r, fragment) = match r.split_once('#') {
            Some((a, f)) => (a, Some(f)),
            None => (r, None),
        };
        let (authority, path, query): (String, String, Option<&str>);
        if let Some(rest) = r.strip_prefix("//") {
            let end = rest.find(['/', '?']).unwrap_or(rest.len());
            authority = rest[..end].to_owned();
            let (p, q) = split_query(&rest[end..]);
            path = remove_dot_segments(p);
            query = q;
        } else if r.is_empty() {
            authority = self.authority.to_owned();
            path = self.path.to_owned();
            query = self.query;
        } else if let Some(q) = r.strip_prefix('?') {
            authority = self.authority.to_owned();
            path = self.path.to_owned();
            query = Some(q);
        } else {
            authority = self.authority.to_owned();
            let (p, q) = split_query(r);
            path = if p.starts_with('/') {
                remove_dot_segments(p)
            } else {
                let dir = match self.path.rfind('/') {
                    Some(i) => &self.path[..=i],
                    None => "/",
                };
                remove_dot_segments(&format!("{dir}{p}"))
            };
            query = q;
        }
        let mut out = format!("{}://{}", self.scheme, authority);
        out.push_str(if path.is_empty() { "/" } else { &path });
        if let Some(q) = query {
            out.push('?');
            out.push_str(q);
        }
        if let Some(f) = fragment {
            out.push('#');
            out.push_str(f);
        }
        out
    }
}

fn split_query(s: &str) -> (&str, Option<&str>) {
    match s.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (s, None),
    }
}

fn remove_dot_segments(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    let last = segments.len().saturating_sub(1);
    for (i, seg) in segments.iter().enumerate() {
        match *seg {
            "." => {
                if i == last {
                    out.push("");
                }
            }
            ".." => {
                if out.len() > 1 {
                    out.pop();
                }
                if i == last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    let joined = out.join("/");
    if path.starts_with('/') && !joined.starts_with('/') {
        format!("/{joined}")
    } else {
        joined
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: Option<&str> = Some("https://news.example.com/world/asia/story.html?id=1#top");

    #[test]
    fn resolves_references() {
        let r = |v| resolve(BASE, v, UrlKind::Link).unwrap();
        assert_eq!(r("pic.jpg"), "https://news.example.com/world/asia/pic.jpg");
        assert_eq!(r("../europe/x"), "https://news.example.com/world/europe/x");
        assert_eq!(r("/a/./b/../c"), "https://news.example.com/a/c");
        assert_eq!(
            r("//cdn.example.net/i.png"),
            "https://cdn.example.net/i.png"
        );
        assert_eq!(
            r("?page=2"),
            "https://news.example.com/world/asia/story.html?page=2"
        );
        assert_eq!(
            r("#s2"),
            "https://news.example.com/world/asia/story.html?id=1#s2"
        );
        assert_eq!(r("HTTP://Other.org/x"), "http://Other.org/x");
    }

    #[test]
    fn vets_schemes() {
        for bad in [
            "javascript:alert(1)",
            " JaVaScRiPt:x",
            "java\tscript:x",
            "vbscript:x",
            "data:text/html,<b>",
            "file:///etc/passwd",
        ] {
            assert_eq!(resolve(BASE, bad, UrlKind::Link), None, "{bad}");
        }
        assert!(resolve(BASE, "mailto:a@b.c", UrlKind::Link).is_some());
        assert!(resolve(BASE, "mailto:a@b.c", UrlKind::Image).is_none());
        assert!(resolve(BASE, "data:image/png;base64,iVBOR", UrlKind::Image).is_some());
        assert!(resolve(BASE, "data:image/svg+xml;base64,PHN2Zz4=", UrlKind::Image).is_none());
        assert!(resolve(BASE, "data:image/png;base64,x", UrlKind::Link).is_none());
    }

    #[test]
    fn hosts() {
        assert_eq!(
            host("https://User@WWW.YouTube.com:443/embed/x").as_deref(),
            Some("www.youtube.com")
        );
        assert_eq!(host("javascript:x"), None);
        assert_eq!(
            host("https://evil.example\\@www.youtube.com/embed/x").as_deref(),
            Some("evil.example")
        );
    }
}
