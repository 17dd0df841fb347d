//! Events → plain text: blocks separated by blank lines, list items and
//! table rows by line breaks, whitespace collapsed except in `<pre>`.

use super::events::{Event, Sink, Tag};

/// U+00AD, shown only where a line breaks inside a word.
const SOFT_HYPHEN: char = '\u{ad}';

/// Renders the stream as plain text, one event at a time.
#[derive(Default)]
pub struct TextOut {
    out: String,
    /// Line breaks owed before the next visible character (0, 1 or 2).
    owed: usize,
    space: bool,
    pre: usize,
    /// > 0 inside content for the eyes only (credits under pictures).
    off: usize,
}

impl TextOut {
    fn boundary(&mut self, breaks: usize) {
        if breaks == 0 {
            return;
        }
        if !self.out.is_empty() {
            self.owed = self.owed.max(breaks);
        }
        self.space = false;
    }

    fn pay(&mut self) {
        if self.owed > 0 {
            for _ in 0..self.owed {
                self.out.push('\n');
            }
            self.owed = 0;
            self.space = false;
        }
    }

    fn text(&mut self, s: &str) {
        if self.pre > 0 {
            if !s.is_empty() {
                self.pay();
                self.out.push_str(s);
            }
            return;
        }
        for c in s.chars() {
            if c.is_whitespace() {
                self.space = true;
                continue;
            }
            if c == SOFT_HYPHEN {
                // An invisible hint where a word may break; not text.
                continue;
            }
            let at_start = self.owed > 0 || self.out.is_empty() || self.out.ends_with('\n');
            self.pay();
            if self.space && !at_start {
                self.out.push(' ');
            }
            self.space = false;
            self.out.push(c);
        }
    }
}

fn breaks(tag: Tag) -> usize {
    match tag {
        Tag::Li
        | Tag::Tr
        | Tag::Dt
        | Tag::Dd
        | Tag::Caption
        | Tag::Figcaption
        | Tag::Thead
        | Tag::Tbody
        | Tag::Tfoot => 1,
        t if t.is_block() && !matches!(t, Tag::Td | Tag::Th) => 2,
        _ => 0,
    }
}

impl Sink for TextOut {
    fn event(&mut self, e: Event<'_>) {
        match e {
            Event::TextOff => {
                self.off += 1;
                return;
            }
            Event::TextOn => {
                self.off = self.off.saturating_sub(1);
                return;
            }
            _ if self.off > 0 => return,
            _ => {}
        }
        match e {
            Event::TextOff | Event::TextOn => {}
            Event::Open(tag, _) => {
                match tag {
                    Tag::Br => {
                        self.pay();
                        self.out.push('\n');
                        self.space = false;
                        return;
                    }
                    Tag::Td | Tag::Th => self.space = true,
                    _ => {}
                }
                self.boundary(breaks(tag));
                if tag == Tag::Pre {
                    self.pre += 1;
                }
            }
            Event::Close(tag) => {
                if tag == Tag::Pre {
                    self.pre = self.pre.saturating_sub(1);
                }
                if matches!(tag, Tag::Td | Tag::Th) {
                    self.space = true;
                }
                self.boundary(breaks(tag));
            }
            Event::Text(s) => self.text(s),
        }
    }
}

impl TextOut {
    /// The text, without trailing white space.
    pub fn finish(mut self) -> String {
        let trimmed_len = self.out.trim_end().len();
        self.out.truncate(trimmed_len);
        self.out
    }
}
