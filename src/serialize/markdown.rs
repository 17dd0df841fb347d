//! Events → Markdown (CommonMark with GFM tables), for "copy as Markdown".

use super::events::{Event, Sink, Tag};

struct Frame {
    tag: Option<Tag>,
    attrs: Vec<(&'static str, String)>,
    buf: String,
    /// Ordered-list counter, table cells of the current row, or rows.
    items: usize,
    cells: Vec<String>,
    rows: Vec<(Vec<String>, bool)>,
    header_row: bool,
}

impl Frame {
    fn new(tag: Option<Tag>, attrs: Vec<(&'static str, String)>) -> Frame {
        Frame {
            tag,
            attrs,
            buf: String::new(),
            items: 0,
            cells: Vec::new(),
            rows: Vec::new(),
            header_row: false,
        }
    }

    fn attr(&self, k: &str) -> &str {
        self.attrs
            .iter()
            .find(|(n, _)| *n == k)
            .map_or("", |(_, v)| v.as_str())
    }
}

fn escape(s: &str, out: &mut String, pre: bool) {
    if pre {
        out.push_str(s);
        return;
    }
    let mut last_space = out.ends_with(' ') || out.ends_with('\n') || out.is_empty();
    for c in s.chars() {
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
                last_space = true;
            }
            continue;
        }
        last_space = false;
        if matches!(
            c,
            '\\' | '*' | '_' | '[' | ']' | '`' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
}

fn block(s: &str) -> String {
    let t = s.trim();
    if t.is_empty() {
        String::new()
    } else {
        format!("\n\n{t}\n\n")
    }
}

fn prefix_lines(s: &str, first: &str, rest: &str) -> String {
    let mut out = String::new();
    for (i, line) in s.trim().lines().enumerate() {
        out.push_str(if i == 0 { first } else { rest });
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Renders the stream as Markdown, one event at a time.
pub struct MarkdownOut {
    stack: Vec<Frame>,
    pre: usize,
}

impl Default for MarkdownOut {
    fn default() -> Self {
        MarkdownOut {
            stack: vec![Frame::new(None, Vec::new())],
            pre: 0,
        }
    }
}

impl Sink for MarkdownOut {
    fn event(&mut self, e: Event<'_>) {
        match e {
            Event::TextOff | Event::TextOn => {}
            Event::Text(t) => {
                if let Some(top) = self.stack.last_mut() {
                    escape(t, &mut top.buf, self.pre > 0);
                }
            }
            Event::Open(tag, attrs) => match tag {
                Tag::Img => {
                    let f = Frame::new(Some(tag), attrs.to_vec());
                    let src = f.attr("src");
                    if let Some(top) = self.stack.last_mut() {
                        if !src.is_empty() {
                            // Alt text is text: escaped, so it cannot carry raw HTML.
                            let mut alt = String::new();
                            escape(&f.attr("alt").replace(['[', ']'], ""), &mut alt, false);
                            top.buf
                                .push_str(&format!("![{}]({})", alt.trim(), destination(src)));
                        }
                    }
                }
                Tag::Br => {
                    if let Some(top) = self.stack.last_mut() {
                        top.buf.push_str(if self.pre > 0 { "\n" } else { "  \n" });
                    }
                }
                Tag::Hr => {
                    if let Some(top) = self.stack.last_mut() {
                        top.buf.push_str("\n\n---\n\n");
                    }
                }
                Tag::Source => {}
                _ => {
                    if tag == Tag::Pre {
                        self.pre += 1;
                    }
                    self.stack.push(Frame::new(Some(tag), attrs.to_vec()));
                }
            },
            Event::Close(tag) => {
                if tag.is_void() || tag == Tag::Source || self.stack.len() < 2 {
                    return;
                }
                let Some(f) = self.stack.pop() else { return };
                if tag == Tag::Pre {
                    self.pre = self.pre.saturating_sub(1);
                }
                let rendered = render_frame(f, self.pre > 0);
                let Some(parent) = self.stack.last_mut() else {
                    return;
                };
                match tag {
                    Tag::Li => {
                        parent.items += 1;
                        let marker = if parent.tag == Some(Tag::Ol) {
                            format!("{}. ", parent.items)
                        } else {
                            "- ".to_owned()
                        };
                        let indent = " ".repeat(marker.len());
                        parent
                            .buf
                            .push_str(&prefix_lines(&rendered, &marker, &indent));
                    }
                    Tag::Td | Tag::Th => {
                        if tag == Tag::Th {
                            parent.header_row = true;
                        }
                        parent.cells.push(rendered.trim().replace('\n', " "));
                    }
                    Tag::Tr => {
                        if let Some(table) = self
                            .stack
                            .iter_mut()
                            .rev()
                            .find(|f| f.tag == Some(Tag::Table))
                        {
                            table
                                .rows
                                .push((f_cells(&rendered), rendered.starts_with('\u{1}')));
                        }
                    }
                    _ => parent.buf.push_str(&rendered),
                }
            }
        }
    }
}

impl MarkdownOut {
    /// The Markdown, with runs of blank lines squeezed to one.
    pub fn finish(self) -> String {
        let root = self
            .stack
            .into_iter()
            .next()
            .map(|f| f.buf)
            .unwrap_or_default();
        let mut out = String::new();
        let mut newlines = 0;
        for c in root.trim().chars() {
            if c == '\n' {
                newlines += 1;
                if newlines > 2 {
                    continue;
                }
            } else {
                newlines = 0;
            }
            out.push(c);
        }
        out
    }
}

/// Rows travel to their table as the cells joined by U+0000 (header rows
/// prefixed with U+0001), since a row's frame is gone once rendered.
fn f_cells(rendered: &str) -> Vec<String> {
    rendered
        .trim_start_matches('\u{1}')
        .split('\0')
        .map(str::to_owned)
        .collect()
}

fn render_frame(f: Frame, in_pre: bool) -> String {
    let Some(tag) = f.tag else { return f.buf };
    match tag {
        Tag::P | Tag::Figure | Tag::Dl | Tag::Dd | Tag::Caption => block(&f.buf),
        Tag::Dt => block(&format!("**{}**", f.buf.trim())),
        Tag::Figcaption => block(&format!("*{}*", f.buf.trim())),
        Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6 => {
            let level = match tag {
                Tag::H2 => 2,
                Tag::H3 => 3,
                Tag::H4 => 4,
                Tag::H5 => 5,
                _ => 6,
            };
            block(&format!(
                "{} {}",
                "#".repeat(level),
                f.buf.trim().replace('\n', " ")
            ))
        }
        Tag::Ul | Tag::Ol => format!("\n\n{}\n\n", f.buf.trim_end()),
        Tag::Li => f.buf.trim().to_owned(),
        Tag::Blockquote => format!("\n\n{}\n\n", prefix_lines(&f.buf, "> ", "> ").trim_end()),
        Tag::Pre => {
            // A fence longer than any run of backticks inside: text cannot close it.
            let longest = f.buf.split(|c| c != '`').map(str::len).max().unwrap_or(0);
            let fence = "`".repeat(longest.max(2) + 1);
            format!("\n\n{fence}\n{}\n{fence}\n\n", f.buf.trim_matches('\n'))
        }
        Tag::Code if !in_pre => {
            let t = f.buf.trim();
            if t.is_empty() {
                String::new()
            } else {
                format!("`{}`", t.replace('`', "'"))
            }
        }
        Tag::Em | Tag::I | Tag::Cite | Tag::Dfn | Tag::Var => wrap(&f.buf, "*"),
        Tag::Strong | Tag::B => wrap(&f.buf, "**"),
        Tag::S | Tag::Del => wrap(&f.buf, "~~"),
        Tag::A => {
            let text = f.buf.trim();
            let href = f.attr("href");
            if text.is_empty() {
                String::new()
            } else if href.is_empty() {
                text.to_owned()
            } else {
                format!("[{text}]({})", destination(href))
            }
        }
        Tag::Video | Tag::Audio | Tag::Iframe => {
            let src = f.attr("src");
            if src.is_empty() {
                block(&f.buf)
            } else {
                block(&format!(
                    "[{}]({})",
                    if tag == Tag::Audio { "Audio" } else { "Video" },
                    destination(src)
                ))
            }
        }
        Tag::Tr => {
            let joined = f.cells.join("\0");
            if f.header_row {
                format!("\u{1}{joined}")
            } else {
                joined
            }
        }
        Tag::Table => {
            let mut rows = f.rows;
            if rows.is_empty() {
                return block(&f.buf);
            }
            let width = rows.iter().map(|r| r.0.len()).max().unwrap_or(1).max(1);
            let mut out = String::from("\n\n");
            let header_first = rows[0].1;
            let header = if header_first {
                rows.remove(0).0
            } else {
                vec![String::new(); width]
            };
            let line = |cells: &[String]| {
                let mut s = String::from("|");
                for i in 0..width {
                    s.push(' ');
                    s.push_str(cells.get(i).map_or("", String::as_str));
                    s.push_str(" |");
                }
                s.push('\n');
                s
            };
            out.push_str(&line(&header));
            out.push_str(&format!("|{}\n", " --- |".repeat(width)));
            for (cells, _) in &rows {
                out.push_str(&line(cells));
            }
            out.push('\n');
            if !f.buf.trim().is_empty() {
                out.push_str(&block(&f.buf));
            }
            out
        }
        _ => f.buf,
    }
}

/// A URL as a Markdown link destination: the characters that would end it,
/// escape out of it or start raw HTML or a code span are percent-encoded.
fn destination(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_whitespace() || c.is_control() || matches!(c, ')' | '<' | '>' | '\\' | '`') {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn wrap(s: &str, mark: &str) -> String {
    let t = s.trim();
    if t.is_empty() {
        return String::new();
    }
    let lead = if s.starts_with(' ') { " " } else { "" };
    let trail = if s.ends_with(' ') { " " } else { "" };
    format!("{lead}{mark}{t}{mark}{trail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open(t: Tag) -> Event<'static> {
        Event::Open(t, &[])
    }

    #[test]
    fn renders_common_blocks() {
        let ev = vec![
            open(Tag::H2),
            Event::Text("Title"),
            Event::Close(Tag::H2),
            open(Tag::P),
            Event::Text("Hello "),
            open(Tag::Strong),
            Event::Text("world"),
            Event::Close(Tag::Strong),
            Event::Text(" *now*"),
            Event::Close(Tag::P),
            open(Tag::Ol),
            open(Tag::Li),
            Event::Text("one"),
            Event::Close(Tag::Li),
            open(Tag::Li),
            Event::Text("two"),
            Event::Close(Tag::Li),
            Event::Close(Tag::Ol),
            open(Tag::Table),
            open(Tag::Tr),
            open(Tag::Th),
            Event::Text("A"),
            Event::Close(Tag::Th),
            open(Tag::Th),
            Event::Text("B"),
            Event::Close(Tag::Th),
            Event::Close(Tag::Tr),
            open(Tag::Tr),
            open(Tag::Td),
            Event::Text("1"),
            Event::Close(Tag::Td),
            open(Tag::Td),
            Event::Text("2"),
            Event::Close(Tag::Td),
            Event::Close(Tag::Tr),
            Event::Close(Tag::Table),
        ];
        let mut md = MarkdownOut::default();
        ev.iter().for_each(|&e| md.event(e));
        let md = md.finish();
        assert_eq!(
            md,
            "## Title\n\nHello **world** \\*now\\*\n\n1. one\n2. two\n\n| A | B |\n| --- | --- |\n| 1 | 2 |"
        );
    }
}
