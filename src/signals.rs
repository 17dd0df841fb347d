//! Per-node measurements the classifier reads: how much text, how much of it
//! is link text, how many links, paragraphs, sentences. One forward pass in
//! document order, no recursion.
//!
//! A node's subtree is the id range `id .. end(id)`, so every subtree total
//! is the difference of two prefix sums. The text length, read most, is a
//! plain prefix sum (4 bytes a node). Most nodes add nothing to the other
//! measures (only a link adds a link), so each of them keeps just the nodes
//! that add to it: a bitset whose rank index counts them before any id in
//! O(1) ([`Marks`]), and for measures larger than one a running total per
//! such node ([`Sums`]). That is about 1.5 bits a node per measure plus 4
//! bytes per contributing node, where a `u32` per node per measure took 40
//! bytes a node.

use std::ops::Range;

use crate::page::{flags, names, NodeId, NodeKind, Page};
use crate::rules;

/// A paragraph with at least this many characters of its own (non-link)
/// text reads like story text.
pub const LONG_PARAGRAPH_CHARS: u32 = 120;

/// Measurements for every node of a page, read through its methods.
pub struct Signals<'a> {
    page: &'a Page,
    /// Text in a non-rendered context (script, style, template, noscript).
    muted: Bits,
    /// Non-whitespace characters of visible text before each node in
    /// document order, and after the last at `[len]`.
    text_before: Vec<u32>,
    /// Of those, characters inside links.
    link_text: Sums,
    /// Links (`<a href>`).
    links: Marks,
    /// Share-intent links.
    share_links: Marks,
    /// Links to a social network account ("Follow us on Instagram").
    social_links: Marks,
    /// Story-like paragraphs.
    long_paras: Marks,
    /// Sentence ends (". ", "! ", "。"…) in non-link text.
    sentences: Sums,
    /// Form controls.
    inputs: Marks,
    /// Of the text, characters inside buttons, labels and select boxes: the
    /// wording of controls, not of the page.
    control_text: Sums,
}

fn is_muting(page: &Page, id: NodeId) -> bool {
    [
        names::SCRIPT,
        names::STYLE,
        names::TEMPLATE,
        names::NOSCRIPT,
        names::TITLE,
        names::HEAD,
    ]
    .iter()
    .any(|&n| page.name(id) == n)
        && page.flags(id) & flags::SVG == 0
        || page.flags(id) & flags::SVG != 0 && page.name(id) == names::SVG
}

fn sentence_ends(text: &str) -> u32 {
    let mut n = 0;
    let mut prev: Option<char> = None;
    for c in text.chars() {
        let full_stop = matches!(c, '。' | '！' | '？' | '۔' | '।');
        if full_stop || c.is_whitespace() && matches!(prev, Some('.' | '!' | '?')) {
            n += 1;
        }
        prev = Some(c);
    }
    if matches!(prev, Some('.' | '!' | '?')) {
        n += 1;
    }
    n
}

impl<'a> Signals<'a> {
    /// Measures `page`.
    pub fn measure(page: &'a Page) -> Signals<'a> {
        let n = page.len();
        let mut muted = Bits::new(n);
        // Inside a link, inside a control: only the text below needs them.
        let mut in_link = Bits::new(n);
        let mut in_control = Bits::new(n);
        let (mut links, mut share_links, mut social_links, mut inputs) =
            (Bits::new(n), Bits::new(n), Bits::new(n), Bits::new(n));
        let mut text_before = Vec::with_capacity(n + 1);
        let mut text = 0u32;
        let mut link_text = SumsBuilder::new(n);
        let mut sentences = SumsBuilder::new(n);
        let mut control_text = SumsBuilder::new(n);
        for id in page.ids() {
            let i = id.index();
            text_before.push(text);
            if let Some(p) = page.parent(id) {
                let pi = p.index();
                muted.set_if(i, muted.get(pi));
                in_link.set_if(i, in_link.get(pi));
                in_control.set_if(i, in_control.get(pi));
            }
            match page.kind(id) {
                NodeKind::Element => {
                    muted.set_if(i, is_muting(page, id));
                    let href = if page.is(id, names::A) {
                        page.attr(id, names::HREF)
                    } else {
                        None
                    };
                    in_link.set_if(i, href.is_some());
                    in_control.set_if(
                        i,
                        [names::BUTTON, names::LABEL, names::SELECT]
                            .iter()
                            .any(|&t| page.is(id, t)),
                    );
                    if muted.get(i) {
                        continue;
                    }
                    if let Some(href) = href {
                        links.set(i);
                        if rules::is_share_url(href) {
                            share_links.set(i);
                        } else if rules::is_social_profile_url(href) {
                            social_links.set(i);
                        }
                    }
                    inputs.set_if(
                        i,
                        [names::INPUT, names::TEXTAREA, names::SELECT, names::BUTTON]
                            .iter()
                            .any(|&t| page.is(id, t)),
                    );
                }
                NodeKind::Text if !muted.get(i) => {
                    let chars = page.text(id).chars().filter(|c| !c.is_whitespace()).count() as u32;
                    text += chars;
                    if in_control.get(i) {
                        control_text.add(i, chars);
                    }
                    if in_link.get(i) {
                        link_text.add(i, chars);
                    } else {
                        sentences.add(i, sentence_ends(page.text(id)));
                    }
                }
                _ => {}
            }
        }
        text_before.push(text);
        let mut s = Signals {
            page,
            muted,
            text_before,
            link_text: link_text.finish(),
            links: Marks::new(links),
            share_links: Marks::new(share_links),
            social_links: Marks::new(social_links),
            long_paras: Marks::new(Bits::new(0)),
            sentences: sentences.finish(),
            inputs: Marks::new(inputs),
            control_text: control_text.finish(),
        };
        // A paragraph is long by its whole text, known once the text is summed.
        let mut long_paras = Bits::new(n);
        for id in page.ids() {
            if page.is(id, names::P)
                && !s.muted(id)
                && s.text(id) - s.link_text(id) >= LONG_PARAGRAPH_CHARS
            {
                long_paras.set(id.index());
            }
        }
        s.long_paras = Marks::new(long_paras);
        s
    }

    /// The subtree of `id` as an id range.
    fn subtree(&self, id: NodeId) -> Range<usize> {
        id.index()..self.page.end(id).index()
    }

    /// True for nodes in a non-rendered context (script, style, template,
    /// noscript, title, head, svg), the element itself included.
    pub fn muted(&self, id: NodeId) -> bool {
        self.muted.get(id.index())
    }

    /// Non-whitespace characters of visible text in the subtree.
    pub fn text(&self, id: NodeId) -> u32 {
        let r = self.subtree(id);
        self.text_before[r.end] - self.text_before[r.start]
    }

    /// The subtree's text outside muted contexts, each text node followed by
    /// a space.
    pub fn visible_text(&self, id: NodeId) -> String {
        visible_text(self.page, &self.muted, id)
    }

    /// Keeps only what [`Visible::text`] reads, so the rest (the text prefix
    /// sums, 4 bytes a node) is freed before the article search, the
    /// costliest stage, runs beside it.
    pub fn into_visible(self) -> Visible<'a> {
        Visible {
            page: self.page,
            muted: self.muted,
        }
    }

    /// Of the subtree's text, characters inside links.
    pub fn link_text(&self, id: NodeId) -> u32 {
        self.link_text.sum(self.subtree(id))
    }

    /// Links (`<a href>`) in the subtree.
    pub fn links(&self, id: NodeId) -> u32 {
        self.links.count(self.subtree(id))
    }

    /// Share-intent links in the subtree.
    pub fn share_links(&self, id: NodeId) -> u32 {
        self.share_links.count(self.subtree(id))
    }

    /// Links to social network accounts in the subtree.
    pub fn social_links(&self, id: NodeId) -> u32 {
        self.social_links.count(self.subtree(id))
    }

    /// Story-like paragraphs in the subtree.
    pub fn long_paras(&self, id: NodeId) -> u32 {
        self.long_paras.count(self.subtree(id))
    }

    /// Sentence ends in the subtree's non-link text.
    pub fn sentences(&self, id: NodeId) -> u32 {
        self.sentences.sum(self.subtree(id))
    }

    /// Form controls in the subtree.
    pub fn inputs(&self, id: NodeId) -> u32 {
        self.inputs.count(self.subtree(id))
    }

    /// Of the subtree's text, characters on buttons, labels and select boxes.
    pub fn control_text(&self, id: NodeId) -> u32 {
        self.control_text.sum(self.subtree(id))
    }

    /// Share of the subtree's text that is link text (0 when there is none).
    pub fn link_density(&self, id: NodeId) -> f32 {
        let t = self.text(id);
        if t == 0 {
            0.0
        } else {
            self.link_text(id) as f32 / t as f32
        }
    }

    /// Text characters inside `outer` that come after `inner` ends.
    pub fn text_after(&self, inner: NodeId, outer: NodeId) -> u32 {
        let before_end = |id| self.text_before[self.page.end(id).index()];
        before_end(outer) - before_end(inner)
    }

    /// Text characters inside `outer` that come before `inner` starts.
    pub fn text_between(&self, outer: NodeId, inner: NodeId) -> u32 {
        self.text_before[inner.index()] - self.text_before[outer.index()]
    }
}

/// The muted bits of [`Signals`] alone: what clean's previews read after
/// judging.
pub struct Visible<'a> {
    page: &'a Page,
    muted: Bits,
}

impl Visible<'_> {
    /// [`Signals::visible_text`].
    pub fn text(&self, id: NodeId) -> String {
        visible_text(self.page, &self.muted, id)
    }
}

fn visible_text(page: &Page, muted: &Bits, id: NodeId) -> String {
    let mut s = String::new();
    for d in page.descendants(id) {
        if page.is_text(d) && !muted.get(d.index()) {
            s.push_str(page.text(d));
            s.push(' ');
        }
    }
    s
}

/// One bit per node id.
struct Bits(Vec<u64>);

impl Bits {
    /// Room for ids `0 ..= n` (a range may end at `n`), all clear.
    fn new(n: usize) -> Bits {
        Bits(vec![0; n / 64 + 1])
    }

    fn get(&self, i: usize) -> bool {
        self.0[i / 64] >> (i % 64) & 1 != 0
    }

    fn set(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }

    fn set_if(&mut self, i: usize, on: bool) {
        self.0[i / 64] |= u64::from(on) << (i % 64);
    }
}

/// A set of node ids that counts its members in any id range in O(1): the
/// bits, and per 64-bit word the members in the words before it.
struct Marks {
    bits: Bits,
    before: Vec<u32>,
}

impl Marks {
    fn new(bits: Bits) -> Marks {
        let mut total = 0;
        let before = bits
            .0
            .iter()
            .map(|w| {
                let b = total;
                total += w.count_ones();
                b
            })
            .collect();
        if total == 0 {
            // Many pages have no share links, no controls: nothing to keep.
            return Marks {
                bits: Bits(Vec::new()),
                before: Vec::new(),
            };
        }
        Marks { bits, before }
    }

    /// Members below `i`; the set must not be empty.
    fn rank(&self, i: usize) -> u32 {
        let (w, b) = (i / 64, i % 64);
        self.before[w] + ones(self.bits.0[w] & ((1 << b) - 1))
    }

    /// Members in `r`.
    #[inline]
    fn count(&self, r: Range<usize>) -> u32 {
        if self.before.is_empty() {
            return 0;
        }
        let w = r.start / 64;
        if w == r.end / 64 {
            // A small subtree (most are) lies within one word.
            let below = |i: usize| (1u64 << (i % 64)) - 1;
            return ones(self.bits.0[w] & below(r.end) & !below(r.start));
        }
        self.rank(r.end) - self.rank(r.start)
    }
}

/// The ones in `x`. Most words of a measure are empty, and skipping them
/// is cheaper than counting where the CPU has no popcount instruction
/// (baseline x86-64 counts in a dozen instructions).
fn ones(x: u64) -> u32 {
    if x == 0 {
        0
    } else {
        x.count_ones()
    }
}

/// A count per node id, summed over any id range in O(1): the ids with a
/// count above zero, and the running total at each of them.
struct Sums {
    nonzero: Marks,
    /// `totals[k]`: the counts of the first `k` nonzero ids.
    totals: Vec<u32>,
}

impl Sums {
    /// The counts of the ids in `r`.
    #[inline]
    fn sum(&self, r: Range<usize>) -> u32 {
        let counted = self.nonzero.count(r.clone()) as usize;
        if counted == 0 {
            return 0;
        }
        let first = self.nonzero.rank(r.start) as usize;
        self.totals[first + counted] - self.totals[first]
    }
}

/// Builds [`Sums`] from counts given in increasing id order.
struct SumsBuilder {
    nonzero: Bits,
    totals: Vec<u32>,
}

impl SumsBuilder {
    fn new(n: usize) -> SumsBuilder {
        SumsBuilder {
            nonzero: Bits::new(n),
            totals: vec![0],
        }
    }

    /// Adds the count of id `i`, which must be above every id added before.
    fn add(&mut self, i: usize, count: u32) {
        if count > 0 {
            self.nonzero.set(i);
            let total = self.totals[self.totals.len() - 1] + count;
            self.totals.push(total);
        }
    }

    fn finish(mut self) -> Sums {
        self.totals.shrink_to_fit();
        Sums {
            nonzero: Marks::new(self.nonzero),
            totals: self.totals,
        }
    }
}

#[cfg(test)]
mod structure_tests {
    use super::*;

    /// Pseudo-random ids below `n`, about one in `every`.
    fn some_ids(n: usize, every: u64, seed: u64) -> Vec<usize> {
        let mut x = seed;
        (0..n)
            .filter(|_| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (x >> 33) % every == 0
            })
            .collect()
    }

    #[test]
    fn bits_set_and_get() {
        let mut b = Bits::new(130);
        for i in [0, 63, 64, 127, 128, 130] {
            assert!(!b.get(i));
            b.set(i);
            assert!(b.get(i));
        }
        b.set_if(5, false);
        assert!(!b.get(5));
        b.set_if(5, true);
        assert!(b.get(5) && !b.get(4) && !b.get(6));
    }

    #[test]
    fn marks_count_every_range() {
        for (n, every) in [
            (0, 1),
            (64, 1),
            (128, 3),
            (200, 2),
            (333, 7),
            (1000, 50),
            (500, 1 << 40),
        ] {
            let ids = some_ids(n, every, n as u64);
            let mut bits = Bits::new(n);
            ids.iter().for_each(|&i| bits.set(i));
            let marks = Marks::new(bits);
            for start in 0..=n {
                for end in (start..=n).step_by(1 + n / 40) {
                    let want = ids.iter().filter(|&&i| (start..end).contains(&i)).count();
                    assert_eq!(marks.count(start..end), want as u32, "{n} {start}..{end}");
                }
            }
        }
    }

    #[test]
    fn sums_add_every_range() {
        for (n, every) in [
            (1, 1),
            (64, 1),
            (65, 2),
            (300, 5),
            (1000, 30),
            (70, 1 << 40),
        ] {
            let mut counts = vec![0u32; n];
            let mut b = SumsBuilder::new(n);
            for i in some_ids(n, every, 7 + n as u64) {
                counts[i] = (i as u32 % 5) * 1000;
                b.add(i, counts[i]);
            }
            let sums = b.finish();
            for start in 0..=n {
                for end in (start..=n).step_by(1 + n / 40) {
                    let want: u32 = counts[start..end].iter().sum();
                    assert_eq!(sums.sum(start..end), want, "{n} {start}..{end}");
                }
            }
        }
    }
}

#[cfg(all(test, feature = "native"))]
mod tests {
    use super::*;

    #[test]
    fn measures_a_box() {
        let page = Page::parse(
            b"<div id=d><p>One sentence here. Another one follows!</p><a href=/x>Link text</a><script>var x = 1;</script></div>",
        )
        .unwrap();
        let s = Signals::measure(&page);
        let d = page
            .ids()
            .find(|&i| page.attr(i, names::ID) == Some("d"))
            .unwrap();
        assert_eq!(
            s.text(d),
            "Onesentencehere.Anotheronefollows!Linktext".len() as u32
        );
        assert_eq!(s.link_text(d), 8);
        assert_eq!(s.links(d), 1);
        assert_eq!(s.sentences(d), 2);
    }

    #[test]
    fn visible_keeps_the_previews() {
        let page = Page::parse(
            b"<div id=d><p>Shown <b>bold</b></p><script>hidden()</script><noscript>not this</noscript>tail</div>",
        )
        .unwrap();
        let s = Signals::measure(&page);
        let expected: Vec<String> = page.ids().map(|id| s.visible_text(id)).collect();
        let d = page
            .ids()
            .find(|&i| page.attr(i, names::ID) == Some("d"))
            .unwrap();
        // Each text node is followed by a space; script and noscript text is not there.
        assert_eq!(expected[d.index()], "Shown  bold tail ");
        let v = s.into_visible();
        for id in page.ids() {
            assert_eq!(v.text(id), expected[id.index()], "node {}", id.0);
        }
    }

    /// Every measure of every node, summed subtree by subtree the plain way:
    /// a `u32` per node, each child added into its parent.
    fn plain_sums(page: &Page) -> Vec<[u32; 9]> {
        let n = page.len();
        let mut own = vec![[0u32; 9]; n];
        let mut ctx = vec![(false, false, false); n]; // muted, in link, in control
        for id in page.ids() {
            let i = id.index();
            let (mut muted, mut link, mut control) = page
                .parent(id)
                .map_or((false, false, false), |p| ctx[p.index()]);
            if page.is_element(id) {
                muted |= is_muting(page, id);
                link |= page.is(id, names::A) && page.attr(id, names::HREF).is_some();
                control |= page.is(id, names::BUTTON)
                    || page.is(id, names::LABEL)
                    || page.is(id, names::SELECT);
                if !muted {
                    if let Some(href) = page.attr(id, names::HREF).filter(|_| page.is(id, names::A))
                    {
                        own[i][2] = 1;
                        own[i][3] = u32::from(rules::is_share_url(href));
                        own[i][4] = u32::from(
                            !rules::is_share_url(href) && rules::is_social_profile_url(href),
                        );
                    }
                    own[i][7] = u32::from(
                        page.is(id, names::INPUT)
                            || page.is(id, names::TEXTAREA)
                            || page.is(id, names::SELECT)
                            || page.is(id, names::BUTTON),
                    );
                }
            } else if page.is_text(id) && !muted {
                let chars = page.text(id).chars().filter(|c| !c.is_whitespace()).count() as u32;
                own[i][0] = chars;
                own[i][1] = if link { chars } else { 0 };
                own[i][6] = if link {
                    0
                } else {
                    sentence_ends(page.text(id))
                };
                own[i][8] = if control { chars } else { 0 };
            }
            ctx[i] = (muted, link, control);
        }
        let mut sums = own.clone();
        for id in page.ids().rev() {
            let i = id.index();
            if page.is(id, names::P) && !ctx[i].0 && sums[i][0] - sums[i][1] >= LONG_PARAGRAPH_CHARS
            {
                sums[i][5] += 1;
            }
            if let Some(p) = page.parent(id) {
                let add = sums[i];
                for (to, v) in sums[p.index()].iter_mut().zip(add) {
                    *to += v;
                }
            }
        }
        sums
    }

    fn all_measures(s: &Signals, id: NodeId) -> [u32; 9] {
        [
            s.text(id),
            s.link_text(id),
            s.links(id),
            s.share_links(id),
            s.social_links(id),
            s.long_paras(id),
            s.sentences(id),
            s.inputs(id),
            s.control_text(id),
        ]
    }

    #[test]
    fn equals_plain_subtree_sums_on_the_fixtures() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
        let mut pages = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let Ok(html) = std::fs::read(entry.unwrap().path().join("source.html")) else {
                continue;
            };
            let page = Page::parse(&html).unwrap();
            let s = Signals::measure(&page);
            let plain = plain_sums(&page);
            for id in page.ids() {
                assert_eq!(all_measures(&s, id), plain[id.index()], "node {}", id.0);
            }
            pages += 1;
        }
        assert!(pages > 10, "fixtures not found in {dir}");
    }

    #[test]
    fn text_around_a_node() {
        let page = Page::parse(b"<div id=o>ab<p>cd<b id=i>ef</b>gh</p><script>no</script>ij</div>")
            .unwrap();
        let s = Signals::measure(&page);
        let by_id = |v| {
            page.ids()
                .find(|&i| page.attr(i, names::ID) == Some(v))
                .unwrap()
        };
        let (o, i) = (by_id("o"), by_id("i"));
        assert_eq!(s.text_between(o, i), 4);
        assert_eq!(s.text_after(i, o), 4);
        assert_eq!(s.text(o), 10);
        let script = page.ids().find(|&n| page.is(n, names::SCRIPT)).unwrap();
        assert!(s.muted(script) && s.muted(page.first_child(script).unwrap()));
        assert!(!s.muted(i));
    }
}
