//! Reading mode against attack corpora: every vector in `tests/data/xss/`
//! (DOMPurify's 223 test payloads, vectors from OWASP's filter-evasion cheat
//! sheet, and vectors aimed at newsclean's own allowlist) goes through
//! `extract` three ways:
//!
//! 1. inside a realistic article page, in the middle of a paragraph of the
//!    story, so it lands in the chosen content (checked: the marker text right
//!    before it must be in the article);
//! 2. the same page through the browser's door (`to_snapshot` →
//!    `from_snapshot`), which carries a reduced set of attributes;
//! 3. as the whole page, with no length threshold.
//!
//! The `content` must be inert, checked on the structure the HTML parser
//! builds from it (`Page::parse`, as a browser would) and on the markup
//! itself: only allowlisted elements and attributes, no `on*`, `style`,
//! `srcdoc`, no SVG/MathML, no URL but http(s), mailto (links) and raster
//! `data:image/` (image slots), iframes only to https video players. The
//! Markdown rendering ("Copy Markdown") must not carry raw HTML or a bad link.

use std::path::Path;

use newsclean::page::flags;
use newsclean::{Options, Page};

const BASE_URL: &str = "https://news.example.com/world/2024/harbour-reopens.html";

/// Reading-mode elements and the attributes each may carry (the allowlist of
/// src/serialize/events.rs, restated). `html`, `head` and `body` come from
/// re-parsing the fragment. A change to the allowlist must be made here too,
/// on purpose.
const ALLOWED: &[(&str, &[&str])] = &[
    ("html", &[]),
    ("head", &[]),
    ("body", &[]),
    ("h2", &[]),
    ("h3", &[]),
    ("h4", &[]),
    ("h5", &[]),
    ("h6", &[]),
    ("p", &[]),
    ("ul", &[]),
    ("ol", &["start"]),
    ("li", &[]),
    ("dl", &[]),
    ("dt", &[]),
    ("dd", &[]),
    ("blockquote", &[]),
    ("pre", &[]),
    ("code", &[]),
    ("table", &[]),
    ("caption", &[]),
    ("thead", &[]),
    ("tbody", &[]),
    ("tfoot", &[]),
    ("tr", &[]),
    ("td", &["colspan", "rowspan"]),
    ("th", &["colspan", "rowspan"]),
    ("figure", &[]),
    ("figcaption", &[]),
    ("img", &["src", "srcset", "alt", "width", "height"]),
    ("picture", &[]),
    ("source", &["srcset", "src", "type", "media"]),
    ("video", &["src", "poster", "controls"]),
    ("audio", &["src", "poster", "controls"]),
    (
        "iframe",
        &[
            "src",
            "allowfullscreen",
            "loading",
            "referrerpolicy",
            "sandbox",
        ],
    ),
    ("a", &["href"]),
    ("em", &[]),
    ("strong", &[]),
    ("b", &[]),
    ("i", &[]),
    ("u", &[]),
    ("s", &[]),
    ("sub", &[]),
    ("sup", &[]),
    ("mark", &[]),
    ("small", &[]),
    ("br", &[]),
    ("hr", &[]),
    ("time", &["datetime"]),
    ("abbr", &["title"]),
    ("q", &[]),
    ("cite", &[]),
    ("del", &[]),
    ("ins", &[]),
    ("kbd", &[]),
    ("samp", &[]),
    ("var", &[]),
    ("dfn", &[]),
];

/// Elements that must never appear, named in failure messages.
const FORBIDDEN: &[&str] = &[
    "script",
    "style",
    "object",
    "embed",
    "applet",
    "form",
    "input",
    "button",
    "textarea",
    "select",
    "base",
    "meta",
    "link",
    "svg",
    "math",
    "frame",
    "frameset",
    "template",
    "noscript",
    "xmp",
    "plaintext",
    "title",
    "portal",
    "fencedframe",
    "param",
    "isindex",
    "xml",
];

/// Hosts whose players may be embedded (https only).
const PLAYER_HOSTS: &[&str] = &[
    "www.youtube.com",
    "youtube.com",
    "www.youtube-nocookie.com",
    "youtube-nocookie.com",
    "player.vimeo.com",
    "www.dailymotion.com",
    "player.twitch.tv",
];

const RASTER: &[&str] = &[
    "image/png",
    "image/jpeg",
    "image/jpg",
    "image/gif",
    "image/webp",
    "image/avif",
];

struct Vector {
    set: &'static str,
    name: String,
    payload: String,
}

fn data_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/xss")
}

fn load_vectors() -> Vec<Vector> {
    let read = |file: &str| -> serde_json::Value {
        let path = data_dir().join(file);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    };
    let mut out = Vec::new();
    let dompurify = read("dompurify-payloads.json");
    for (i, v) in dompurify.as_array().expect("an array").iter().enumerate() {
        out.push(Vector {
            set: "dompurify",
            name: format!("#{i} {}", v["title"].as_str().unwrap_or("")),
            payload: v["payload"].as_str().expect("payload").to_owned(),
        });
    }
    for (set, file) in [
        ("owasp", "owasp-filter-evasion.json"),
        ("newsclean", "newsclean-vectors.json"),
    ] {
        let data = read(file);
        for (i, v) in data["vectors"]
            .as_array()
            .expect("vectors")
            .iter()
            .enumerate()
        {
            let note = v["note"].as_str().expect("every vector has a note");
            assert!(!note.trim().is_empty(), "{file} #{i}: empty note");
            out.push(Vector {
                set,
                name: format!("#{i} {note}"),
                payload: v["payload"].as_str().expect("payload").to_owned(),
            });
        }
    }
    out
}

fn marker(i: usize) -> String {
    format!("Marker sentence {i} precedes the embedded material")
}

/// A news page with the payload in the middle of the story's last paragraph.
fn article_page(i: usize, payload: &str) -> String {
    let para = |n: usize| {
        format!(
            "<p>Paragraph {n} of the report. The harbour authority reopened the port on Monday \
             after a storm with winds of 120 km/h closed it for three days, stranding dozens of \
             ships in the bay. Dock workers cleared debris through the night, and the first \
             container vessel entered the harbour shortly after dawn, officials said.</p>"
        )
    };
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>Harbour reopens after storm - Coast News</title>\
         <meta name=\"author\" content=\"Jane Doe\"></head><body>\
         <header><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a> <a href=\"/sport\">Sport</a></nav></header>\
         <main><article><h1>Harbour reopens after storm</h1><p class=\"byline\">By Jane Doe</p>\
         {}{}{}{}<p>{}. {payload} The port expects full traffic by Friday.</p>\
         <p>The closing paragraph says that repairs to the breakwater will take months.</p>\
         </article></main><footer><p>© Coast News</p></footer></body></html>",
        para(1),
        para(2),
        para(3),
        para(4),
        marker(i)
    )
}

/// Lowercase, without the characters a browser's URL parser ignores.
fn browser_url(v: &str) -> String {
    v.trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase()
}

fn scheme(url: &str) -> Option<&str> {
    let colon = url.find(':')?;
    let s = &url[..colon];
    (s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(s)
}

/// The host a browser would see in an http(s) URL (backslash ends the
/// authority as `/` does; credentials are dropped).
fn browser_host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let authority = &rest[..rest.find(['/', '\\', '?', '#']).unwrap_or(rest.len())];
    let hostport = authority.rsplit('@').next()?;
    Some(hostport.split(':').next()?.to_ascii_lowercase())
}

/// Why `value` is not acceptable in `tag`'s URL attribute `attr`, if it is not.
fn bad_url(tag: &str, attr: &str, value: &str) -> Option<String> {
    let image_slot = matches!(
        (tag, attr),
        ("img", "src") | ("img", "srcset") | ("source", "srcset") | (_, "poster")
    );
    let urls: Vec<String> = if attr == "srcset" {
        value
            .split(',')
            .filter_map(|c| c.split_whitespace().next())
            .map(browser_url)
            .collect()
    } else {
        vec![browser_url(value)]
    };
    for url in urls {
        let Some(s) = scheme(&url) else { continue };
        let ok = match s {
            "http" | "https" => true,
            "mailto" => tag == "a" && attr == "href",
            "data" => {
                let media = url[5..].split([';', ',']).next().unwrap_or("").trim();
                image_slot && RASTER.contains(&media)
            }
            _ => false,
        };
        if !ok {
            return Some(format!(
                "<{tag} {attr}> has a {s}: URL: {}",
                preview(&url, 80)
            ));
        }
    }
    None
}

fn preview(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        out.push('…');
    }
    out
}

/// Everything wrong with `html` (reading-mode content), structurally and textually.
fn problems(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let page = Page::parse(html.as_bytes()).expect("the output parses");
    for id in page.ids() {
        if !page.is_element(id) {
            continue;
        }
        let tag = page.tag(id).to_ascii_lowercase();
        if page.flags(id) & (flags::SVG | flags::MATHML) != 0 {
            out.push(format!("<{tag}> is SVG/MathML"));
            continue;
        }
        if FORBIDDEN.contains(&tag.as_str()) {
            out.push(format!("forbidden element <{tag}>"));
            continue;
        }
        let Some((_, allowed)) = ALLOWED.iter().find(|(t, _)| *t == tag) else {
            out.push(format!("<{tag}> is not in the reading-mode allowlist"));
            continue;
        };
        for (name, value) in page.attrs(id) {
            let attr = page.names().text(name).to_ascii_lowercase();
            if attr.starts_with("on") {
                out.push(format!("event handler {attr} on <{tag}>"));
            } else if matches!(attr.as_str(), "style" | "srcdoc" | "formaction" | "action") {
                out.push(format!("{attr} attribute on <{tag}>"));
            } else if !allowed.contains(&attr.as_str()) {
                out.push(format!("attribute {attr} on <{tag}> is not allowlisted"));
            }
            if matches!(attr.as_str(), "href" | "src" | "srcset" | "poster") {
                out.extend(bad_url(&tag, &attr, value));
            } else if scheme(&browser_url(value))
                .is_some_and(|s| matches!(s, "javascript" | "vbscript" | "data"))
            {
                out.push(format!("<{tag} {attr}> holds a script URL"));
            }
            let lower = value.to_ascii_lowercase();
            if lower.contains("expression(") && attr != "alt" && attr != "title" {
                out.push(format!("<{tag} {attr}> holds a CSS expression"));
            }
        }
        if tag == "iframe" {
            let src = page
                .attr_named(id, "src")
                .map(browser_url)
                .unwrap_or_default();
            let host = browser_host(&src).unwrap_or_default();
            if !src.starts_with("https://") || !PLAYER_HOSTS.contains(&host.as_str()) {
                out.push(format!(
                    "iframe to {} (not an allowlisted https player)",
                    preview(&src, 80)
                ));
            }
            if page.attr_named(id, "sandbox").is_none() {
                out.push("iframe without sandbox".into());
            }
        }
    }
    out.extend(markup_problems(html));
    out
}

/// The same rules read off the markup: text and attribute values are
/// escaped, so every `<` opens a tag and every attribute value is quoted.
fn markup_problems(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        let Some(gt) = rest[lt..].find('>') else {
            out.push("unterminated tag in the markup".into());
            break;
        };
        let tag = &rest[lt + 1..lt + gt];
        rest = &rest[lt + gt + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            if !ALLOWED.iter().any(|(t, _)| *t == name) {
                out.push(format!("markup closes <{name}>"));
            }
            continue;
        }
        let name_end = tag.find(' ').unwrap_or(tag.len());
        let name = &tag[..name_end];
        let Some((_, allowed)) = ALLOWED.iter().find(|(t, _)| *t == name) else {
            out.push(format!("markup opens <{}>", preview(name, 40)));
            continue;
        };
        // ` name` or ` name="value"`, values never holding a double quote.
        let mut attrs = &tag[name_end..];
        while let Some(a) = attrs.strip_prefix(' ') {
            let end = a.find([' ', '=']).unwrap_or(a.len());
            let attr = &a[..end];
            if !allowed.contains(&attr) {
                out.push(format!(
                    "markup gives <{name}> the attribute {}",
                    preview(attr, 40)
                ));
            }
            attrs = &a[end..];
            if let Some(v) = attrs.strip_prefix("=\"") {
                match v.find('"') {
                    Some(q) => attrs = &v[q + 1..],
                    None => {
                        out.push(format!("unterminated attribute value in <{name}>"));
                        break;
                    }
                }
            }
        }
        if !attrs.is_empty() {
            out.push(format!(
                "malformed attributes in <{name}>: {}",
                preview(attrs, 40)
            ));
        }
    }
    if html.contains(['\0']) {
        out.push("NUL in the markup".into());
    }
    out
}

/// "Copy Markdown" output: no raw HTML outside code blocks (a fence that
/// text could close early lets raw HTML out), and every link or image
/// target vetted and free of characters that end a Markdown destination.
fn markdown_problems(md: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut fence: Option<usize> = None;
    for line in md.lines() {
        let t = line.trim_start_matches(['>', ' ']);
        let ticks = t.bytes().take_while(|&b| b == b'`').count();
        match fence {
            Some(n) => {
                if ticks >= n && t[ticks..].trim().is_empty() {
                    fence = None;
                }
                continue;
            }
            None if ticks >= 3 => {
                fence = Some(ticks);
                continue;
            }
            None => {}
        }
        let bytes = line.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'<' && (i == 0 || bytes[i - 1] != b'\\') {
                let next = bytes.get(i + 1).copied().unwrap_or(b' ');
                if next.is_ascii_alphabetic() || next == b'/' || next == b'!' || next == b'?' {
                    out.push(format!(
                        "raw HTML in the Markdown: {}",
                        preview(&line[i..], 60)
                    ));
                }
            }
        }
        let mut rest = line;
        while let Some(p) = rest.find("](") {
            let image = rest[..p]
                .rfind("![")
                .is_some_and(|o| rest[..p].rfind('[') == Some(o + 1));
            let dest = &rest[p + 2..];
            let end = dest.find(')').unwrap_or(dest.len());
            let url = &dest[..end];
            if url.contains(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '\\' | '`')) {
                out.push(format!(
                    "Markdown destination with a space, angle bracket, backslash or backtick: {}",
                    preview(url, 60)
                ));
            }
            let (tag, attr) = if image { ("img", "src") } else { ("a", "href") };
            out.extend(bad_url(tag, attr, url).map(|e| format!("Markdown {e}")));
            rest = &dest[end.min(dest.len())..];
        }
    }
    out
}

struct Outcome {
    failures: Vec<String>,
    landed: usize,
    embedded: usize,
    direct_articles: usize,
    kept_markup: usize,
}

fn check_article(label: &str, article: &newsclean::Article, failures: &mut Vec<String>) {
    for p in problems(&article.content) {
        failures.push(format!(
            "{label}: {p}\n    content: {}",
            preview(&article.content, 300)
        ));
    }
    if let Some(md) = &article.markdown {
        for p in markdown_problems(md) {
            failures.push(format!("{label}: {p}"));
        }
    }
}

fn run_all() -> Outcome {
    let vectors = load_vectors();
    let mut o = Outcome {
        failures: Vec::new(),
        landed: 0,
        embedded: 0,
        direct_articles: 0,
        kept_markup: 0,
    };
    let options = Options {
        url: Some(BASE_URL.to_owned()),
        markdown: true,
        ..Options::default()
    };
    for (i, v) in vectors.iter().enumerate() {
        let label = format!("{} {}", v.set, v.name);
        // 1 and 2: inside the story, native door and browser door.
        let html = article_page(i, &v.payload);
        let page = Page::parse_with_url(html.as_bytes(), Some(BASE_URL)).expect("parse");
        let snap = Page::from_snapshot(&page.to_snapshot()).expect("own snapshot decodes");
        for (door, page) in [("native", &page), ("snapshot", &snap)] {
            o.embedded += 1;
            match newsclean::extract(page, &options) {
                Some(article) => {
                    if article.text_content.contains(&marker(i)) {
                        o.landed += 1;
                    } else {
                        o.failures.push(format!(
                            "{label} ({door}): the payload's paragraph is not in the article, so the vector was not tested"
                        ));
                    }
                    if article.content.contains("<a ") || article.content.contains("<img ") {
                        o.kept_markup += 1;
                    }
                    check_article(
                        &format!("{label} ({door}, in article)"),
                        &article,
                        &mut o.failures,
                    );
                    for (field, value) in [
                        ("title", Some(&article.title)),
                        ("byline", article.byline.as_ref()),
                        ("siteName", article.site_name.as_ref()),
                        ("excerpt", article.excerpt.as_ref()),
                    ] {
                        // Plain-text fields: the reader and the demo set them as text.
                        if value.is_some_and(|v| v.contains('\0')) {
                            o.failures.push(format!("{label}: NUL in {field}"));
                        }
                    }
                }
                None => o
                    .failures
                    .push(format!("{label} ({door}): no article extracted")),
            }
        }
        // 3: the payload is the whole page.
        let direct = Options {
            char_threshold: 0,
            ..options.clone()
        };
        let page = Page::parse_with_url(v.payload.as_bytes(), Some(BASE_URL)).expect("parse");
        if let Some(article) = newsclean::extract(&page, &direct) {
            o.direct_articles += 1;
            check_article(&format!("{label} (whole page)"), &article, &mut o.failures);
        }
    }
    o
}

#[test]
fn every_vector_is_inert_in_reading_mode() {
    let vectors = load_vectors();
    let count = |set: &str| vectors.iter().filter(|v| v.set == set).count();
    assert_eq!(
        count("dompurify"),
        223,
        "DOMPurify's corpus has 223 payloads"
    );
    assert!(count("owasp") >= 100, "OWASP vectors: {}", count("owasp"));
    assert!(
        count("newsclean") >= 40,
        "newsclean vectors: {}",
        count("newsclean")
    );
    let o = run_all();
    println!(
        "xss: {} vectors ({} DOMPurify, {} OWASP, {} newsclean); {} embedded runs, {} landed in the article \
         ({} kept some markup); {} whole-page runs gave an article; {} problems",
        vectors.len(),
        count("dompurify"),
        count("owasp"),
        count("newsclean"),
        o.embedded,
        o.landed,
        o.kept_markup,
        o.direct_articles,
        o.failures.len()
    );
    assert!(
        o.failures.is_empty(),
        "{} problems:\n{}",
        o.failures.len(),
        o.failures.join("\n")
    );
    assert_eq!(o.landed, o.embedded);
}

/// The checker itself: it must catch what it claims to catch.
#[test]
fn the_checker_catches_unsafe_markup() {
    for bad in [
        "<p>x</p><script>alert(1)</script>",
        "<p onclick=\"x\">x</p>",
        "<p style=\"color:red\">x</p>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\" JaVa&#x09;Script:alert(1)\">x</a>",
        "<img src=\"data:image/svg+xml,%3Csvg%3E\">",
        "<img srcset=\"https://a.example/x.jpg 1x, javascript:alert(1) 2x\">",
        "<a href=\"data:image/png;base64,x\">x</a>",
        "<iframe src=\"https://evil.example\\@www.youtube.com/\" sandbox=\"\"></iframe>",
        "<iframe src=\"https://www.youtube.com/embed/x\"></iframe>",
        "<iframe srcdoc=\"x\" src=\"https://www.youtube.com/\" sandbox=\"\"></iframe>",
        "<svg><a>x</a></svg>",
        "<math><mi>x</mi></math>",
        "<div>x</div>",
        "<p title=\"x\">x</p>",
        "<form action=\"https://a.example/\"><p>x</p></form>",
        "<base href=\"https://evil.example/\">",
        "<meta http-equiv=\"refresh\" content=\"0\">",
        "<link rel=\"stylesheet\" href=\"https://a.example/x.css\">",
        "<object data=\"https://a.example/\"></object>",
        "<embed src=\"https://a.example/\">",
        "<style>p{}</style>",
        "<img src=x onerror=alert(1)>",
    ] {
        assert!(!problems(bad).is_empty(), "the checker let through: {bad}");
    }
    for good in [
        "<p>Text with &lt;script&gt; and javascript:alert(1) as words.</p>",
        "<a href=\"https://news.example.com/a\">x</a> <a href=\"mailto:a@b.example\">m</a>",
        "<img src=\"data:image/png;base64,iVBOR\" alt=\"\"><img src=\"https://i.example/a.jpg\" srcset=\"https://i.example/a.jpg 2x\" alt=\"a\" width=\"10\">",
        "<iframe src=\"https://www.youtube.com/embed/x\" allowfullscreen loading=\"lazy\" referrerpolicy=\"no-referrer\" sandbox=\"allow-scripts\"></iframe>",
        "<table><tbody><tr><td colspan=\"2\">c</td></tr></tbody></table><ol start=\"3\"><li>x</li></ol>",
    ] {
        assert_eq!(problems(good), Vec::<String>::new(), "{good}");
    }
    for bad_md in [
        "text <img src=x onerror=alert(1)>",
        "```\ncode\n```\n<script>alert(1)</script>\n```",
        "[x](javascript:alert(1))",
        "[x](https://a.example/b\\) then",
        "````\n```\n````\n<img src=x>",
        "![a](https://i.example/a.jpg)<img src=x onerror=alert(1)>)",
        "![a](data:image/svg+xml,x)",
    ] {
        assert!(
            !markdown_problems(bad_md).is_empty(),
            "the Markdown checker let through: {bad_md}"
        );
    }
    for good_md in [
        "text \\<img src=x\\>",
        "````\n```\n<script>x</script>\n````",
        "[x](https://a.example/b%20c) ![i](data:image/png;base64,x) [m](mailto:a@b.example)",
    ] {
        assert_eq!(
            markdown_problems(good_md),
            Vec::<String>::new(),
            "{good_md}"
        );
    }
}
