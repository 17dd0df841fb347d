//! Article metadata: title, byline, excerpt, site name, publication time,
//! language. Sources in Readability's order (JSON-LD, then `<meta>` tags,
//! then the document title), plus `<time datetime>` for the date.

use super::noscript::decode_entities;
use crate::json::Json;
use crate::page::{names, NodeId, Page};
use crate::text::squash_whitespace;

/// What the page says about its article.
#[derive(Debug, Default, Clone)]
pub struct Metadata {
    pub title: String,
    pub byline: Option<String>,
    pub excerpt: Option<String>,
    pub site_name: Option<String>,
    pub published_time: Option<String>,
    pub lang: Option<String>,
}

#[derive(Default)]
struct JsonLd {
    title: Option<String>,
    byline: Option<String>,
    excerpt: Option<String>,
    site_name: Option<String>,
    date_published: Option<String>,
}

/// schema.org types that describe an article (`jsonLdArticleTypes`).
const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "AdvertiserContentArticle",
    "NewsArticle",
    "AnalysisNewsArticle",
    "AskPublicNewsArticle",
    "BackgroundNewsArticle",
    "OpinionNewsArticle",
    "ReportageNewsArticle",
    "ReviewNewsArticle",
    "Report",
    "SatiricalArticle",
    "ScholarlyArticle",
    "MedicalScholarlyArticle",
    "SocialMediaPosting",
    "BlogPosting",
    "LiveBlogPosting",
    "DiscussionForumPosting",
    "TechArticle",
    "APIReference",
];

/// Reads the page's metadata.
pub fn read(page: &Page) -> Metadata {
    let doc_title = document_title(page);
    let jsonld = json_ld(page, &doc_title);
    let values = meta_values(page);
    let get = |k: &str| {
        values
            .iter()
            .rev()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
    };
    let first = |keys: &[&str]| keys.iter().find_map(|k| get(k)).filter(|v| !v.is_empty());

    let title = jsonld
        .title
        .clone()
        .or_else(|| {
            first(&[
                "dc:title",
                "dcterm:title",
                "og:title",
                "weibo:article:title",
                "weibo:webpage:title",
                "title",
                "twitter:title",
                "parsely-title",
            ])
        })
        .unwrap_or_else(|| article_title(page, &doc_title));
    let byline = jsonld
        .byline
        .clone()
        .or_else(|| first(&["dc:creator", "dcterm:creator", "author", "parsely-author"]));
    let excerpt = jsonld.excerpt.clone().or_else(|| {
        first(&[
            "dc:description",
            "dcterm:description",
            "og:description",
            "weibo:article:description",
            "weibo:webpage:description",
            "description",
            "twitter:description",
        ])
    });
    let site_name = jsonld
        .site_name
        .clone()
        .or_else(|| first(&["og:site_name"]));
    let published_time = jsonld
        .date_published
        .clone()
        .or_else(|| first(&["article:published_time", "parsely-pub-date"]))
        .or_else(|| time_element(page));
    let lang = page
        .element_children(page.root())
        .find(|&c| page.is(c, names::HTML))
        .and_then(|h| page.attr(h, names::LANG))
        .map(str::to_owned);

    let clean = |s: Option<String>| {
        s.map(|v| decode_entities(&v))
            .filter(|v| !v.trim().is_empty())
    };
    Metadata {
        title: decode_entities(&title),
        byline: clean(byline),
        excerpt: clean(excerpt),
        site_name: clean(site_name),
        published_time: clean(published_time),
        lang,
    }
}

/// `document.title`: the first HTML `<title>`, whitespace squashed.
pub fn document_title(page: &Page) -> String {
    page.find(names::TITLE)
        .map(|t| squash_whitespace(&page.text_content(t)))
        .unwrap_or_default()
}

fn word_count(s: &str) -> usize {
    // JS: str.split(/\s+/).length — an empty string still counts as one.
    s.split(char::is_whitespace)
        .filter(|w| !w.is_empty())
        .count()
        .max(1)
}

const SEPARATORS: &[char] = &['|', '-', '\\', '/', '>', '»'];
const HIERARCHICAL: &[char] = &['\\', '/', '>', '»'];

/// Finds " X " (a separator between spaces) in `s`; returns byte positions of X.
fn separator_positions(s: &str, set: &[char]) -> Vec<usize> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut out = Vec::new();
    for w in chars.windows(3) {
        if w[0].1 == ' ' && set.contains(&w[1].1) && w[2].1 == ' ' {
            out.push(w[1].0);
        }
    }
    out
}

/// `_getArticleTitle`: the document title without the site's name.
pub fn article_title(page: &Page, orig: &str) -> String {
    let orig = orig.trim();
    let mut cur = orig.to_owned();
    let mut hierarchical = false;
    let seps = separator_positions(orig, SEPARATORS);
    if let Some(&last) = seps.last() {
        hierarchical = !separator_positions(orig, HIERARCHICAL).is_empty();
        // '(.*)[sep] .*' keeps what precedes the last separator that is
        // followed by a space.
        cur = orig[..last].to_owned();
        if word_count(&cur) < 3 {
            // '[^sep]*[sep](.*)' keeps what follows the first separator.
            if let Some(first) = orig.find(SEPARATORS) {
                let sep_len = orig[first..].chars().next().map_or(1, char::len_utf8);
                cur = orig[first + sep_len..].to_owned();
            }
        }
    } else if orig.contains(": ") {
        let headings_match = page
            .ids()
            .filter(|&id| page.is(id, names::H1) || page.is(id, names::H2))
            .any(|h| page.carried_text(h).trim() == orig);
        if !headings_match {
            let after_last = orig.rfind(':').map_or(orig, |i| &orig[i + 1..]);
            cur = after_last.to_owned();
            if word_count(&cur) < 3 {
                cur = orig.find(':').map_or(orig, |i| &orig[i + 1..]).to_owned();
            } else if word_count(orig.split(':').next().unwrap_or("")) > 5 {
                cur = orig.to_owned();
            }
        }
    } else if orig.chars().count() > 150 || orig.chars().count() < 15 {
        let h1s: Vec<NodeId> = page.ids().filter(|&id| page.is(id, names::H1)).collect();
        if h1s.len() == 1 {
            cur = squash_whitespace(&page.carried_text(h1s[0]));
        }
    }
    let cur = squash_whitespace(cur.trim());
    let count = word_count(&cur);
    let stripped: String = orig.chars().filter(|c| !SEPARATORS.contains(c)).collect();
    if count <= 4 && (!hierarchical || count != word_count(&stripped) - 1) {
        return orig.to_owned();
    }
    cur
}

/// `<meta>` values keyed Readability's way ("og:title", "author", …), in order.
fn meta_values(page: &Page) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for id in page.ids().filter(|&id| page.is(id, names::META)) {
        let Some(content) = page.attr(id, names::CONTENT).filter(|c| !c.is_empty()) else {
            continue;
        };
        let mut matched = false;
        if let Some(property) = page.attr(id, names::PROPERTY) {
            if let Some(key) = property_key(property) {
                out.push((key, content.trim().to_owned()));
                matched = true;
            }
        }
        if !matched {
            if let Some(key) = page.attr(id, names::NAME).and_then(name_key) {
                out.push((key, content.trim().to_owned()));
            }
        }
    }
    out
}

const PROPERTY_PREFIXES: &[&str] = &["article", "dc", "dcterm", "og", "twitter"];
const PROPERTY_FIELDS: &[&str] = &[
    "author",
    "creator",
    "description",
    "published_time",
    "title",
    "site_name",
];
const NAME_PREFIXES: &[&str] = &[
    "dc",
    "dcterm",
    "og",
    "twitter",
    "parsely",
    "weibo:article",
    "weibo:webpage",
];
const NAME_FIELDS: &[&str] = &[
    "author",
    "creator",
    "pub-date",
    "description",
    "title",
    "site_name",
];

/// The first "prefix:field" in a space-separated `property` list.
fn property_key(property: &str) -> Option<String> {
    let lower = property.to_ascii_lowercase();
    let compact: String = lower.chars().filter(|c| !c.is_whitespace()).collect();
    // Tokens are separated by whitespace in the original; try each.
    for token in lower.split_whitespace() {
        if let Some((p, f)) = token.split_once(':') {
            if PROPERTY_PREFIXES.contains(&p) && PROPERTY_FIELDS.contains(&f) {
                return Some(format!("{p}:{f}"));
            }
        }
    }
    // "og : title" with spaces around the colon.
    let (p, f) = compact.split_once(':')?;
    (PROPERTY_PREFIXES.contains(&p) && PROPERTY_FIELDS.contains(&f)).then(|| format!("{p}:{f}"))
}

/// The key for a `name` attribute ("dc.title" → "dc:title"), if it is one we use.
fn name_key(name: &str) -> Option<String> {
    let key: String = name
        .trim()
        .to_ascii_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == '.' { ':' } else { c })
        .collect();
    if NAME_FIELDS.contains(&key.as_str()) {
        return Some(key);
    }
    for prefix in NAME_PREFIXES {
        if let Some(rest) = key.strip_prefix(prefix) {
            if let Some(field) = rest.strip_prefix([':', '-']) {
                if NAME_FIELDS.contains(&field) {
                    return Some(key);
                }
            }
        }
    }
    None
}

fn is_article_type(v: &Json) -> bool {
    match v {
        Json::Str(s) => ARTICLE_TYPES.contains(&s.as_str()),
        Json::Arr(a) => a.iter().any(is_article_type),
        _ => false,
    }
}

fn is_schema_context(v: Option<&Json>) -> bool {
    let ok = |s: &str| {
        let s = s.trim_end_matches('/');
        s == "http://schema.org" || s == "https://schema.org"
    };
    match v {
        Some(Json::Str(s)) => ok(s),
        Some(Json::Obj(o)) => o.get("@vocab").and_then(Json::as_str).is_some_and(ok),
        Some(Json::Arr(a)) => a.iter().any(|c| c.as_str().is_some_and(ok)),
        _ => false,
    }
}

/// The article object of one JSON-LD block, if it has one.
fn article_object(v: &Json) -> Option<&Json> {
    match v {
        Json::Arr(items) => items.iter().find_map(article_object),
        Json::Obj(_) => {
            let context_ok = is_schema_context(v.get("@context"));
            if let (true, Some(graph)) = (
                v.get("@type").is_none(),
                v.get("@graph").and_then(Json::as_array),
            ) {
                if context_ok {
                    return graph
                        .iter()
                        .find(|it| it.get("@type").is_some_and(is_article_type));
                }
            }
            (context_ok && v.get("@type").is_some_and(is_article_type)).then_some(v)
        }
        _ => None,
    }
}

fn name_of(v: &Json) -> Option<String> {
    match v {
        Json::Str(s) => Some(s.trim().to_owned()),
        Json::Obj(_) => v
            .get("name")
            .and_then(Json::as_str)
            .map(|s| s.trim().to_owned()),
        _ => None,
    }
}

fn json_ld(page: &Page, doc_title: &str) -> JsonLd {
    for id in page.ids().filter(|&id| page.is(id, names::SCRIPT)) {
        if page.attr(id, names::TYPE).map(str::trim) != Some("application/ld+json") {
            continue;
        }
        let raw = page.text_content(id);
        let text = raw
            .trim()
            .trim_start_matches("<![CDATA[")
            .trim_end_matches("]]>")
            .trim();
        let Some(parsed) = Json::parse(text) else {
            continue;
        };
        let Some(article) = article_object(&parsed) else {
            continue;
        };
        let mut out = JsonLd::default();
        let name = article.get("name").and_then(Json::as_str);
        let headline = article.get("headline").and_then(Json::as_str);
        out.title = match (name, headline) {
            (Some(n), Some(h)) if n != h => {
                // Some sites put their own name in "name": prefer whichever
                // matches the document title.
                let title = article_title(page, doc_title);
                let name_matches = super::readability::text_similarity(n, &title) > 0.75;
                let headline_matches = super::readability::text_similarity(h, &title) > 0.75;
                Some(
                    if headline_matches && !name_matches {
                        h
                    } else {
                        n
                    }
                    .to_owned(),
                )
            }
            (Some(n), _) => Some(n.trim().to_owned()),
            (None, Some(h)) => Some(h.trim().to_owned()),
            _ => None,
        };
        if let Some(author) = article.get("author") {
            out.byline = match author {
                Json::Arr(list) => {
                    let names: Vec<String> = list
                        .iter()
                        .filter_map(name_of)
                        .filter(|n| !n.is_empty())
                        .collect();
                    (!names.is_empty()).then(|| names.join(", "))
                }
                other => name_of(other),
            };
        }
        out.excerpt = article
            .get("description")
            .and_then(Json::as_str)
            .map(|s| s.trim().to_owned());
        out.site_name = article
            .get("publisher")
            .and_then(|p| p.get("name"))
            .and_then(name_of);
        out.date_published = article
            .get("datePublished")
            .and_then(Json::as_str)
            .map(|s| s.trim().to_owned());
        return out;
    }
    JsonLd::default()
}

/// The first `<time datetime>` (or `itemprop=datePublished`) on the page.
fn time_element(page: &Page) -> Option<String> {
    page.ids().find_map(|id| {
        if page.attr(id, names::ITEMPROP) == Some("datePublished") {
            if let Some(v) = page
                .attr(id, names::DATETIME)
                .or_else(|| page.attr(id, names::CONTENT))
            {
                return Some(v.trim().to_owned());
            }
        }
        if page.is(id, names::TIME) {
            return page
                .attr(id, names::DATETIME)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty());
        }
        None
    })
}

#[cfg(all(test, feature = "native"))]
mod tests {
    use super::*;

    fn meta(html: &str) -> Metadata {
        read(&Page::parse(html.as_bytes()).unwrap())
    }

    #[test]
    fn title_loses_site_suffix() {
        let m = meta("<title>Storm closes the harbour for three days | Daily Courier</title>");
        assert_eq!(m.title, "Storm closes the harbour for three days");
        let m = meta("<title>Daily Courier - Storm closes harbour</title>");
        assert_eq!(m.title, "Daily Courier - Storm closes harbour");
    }

    #[test]
    fn json_ld_wins() {
        let m = meta(
            r#"<html lang="de"><title>X | Y</title><meta property="og:title" content="OG title">
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
            "headline":"LD headline","author":[{"@type":"Person","name":"Ann Lee"},{"name":"Bo Chen"}],
            "datePublished":"2024-05-01T10:00:00Z","publisher":{"name":"Courier"}}</script>"#,
        );
        assert_eq!(m.title, "LD headline");
        assert_eq!(m.byline.as_deref(), Some("Ann Lee, Bo Chen"));
        assert_eq!(m.published_time.as_deref(), Some("2024-05-01T10:00:00Z"));
        assert_eq!(m.site_name.as_deref(), Some("Courier"));
        assert_eq!(m.lang.as_deref(), Some("de"));
    }

    #[test]
    fn meta_tags_and_time() {
        let m = meta(
            r#"<meta name="author" content="Jo &amp; Al"><meta property="og:site_name" content="Site">
            <meta name="description" content="Desc"><title>A long enough title for this page here</title>
            <p><time datetime="2023-01-02">2 Jan</time></p>"#,
        );
        assert_eq!(m.byline.as_deref(), Some("Jo & Al"));
        assert_eq!(m.site_name.as_deref(), Some("Site"));
        assert_eq!(m.excerpt.as_deref(), Some("Desc"));
        assert_eq!(m.published_time.as_deref(), Some("2023-01-02"));
    }
}
