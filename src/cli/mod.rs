//! The native command line: `newsclean extract`, `newsclean clean`,
//! `newsclean eval`. A thin front end over the library.

pub mod eval;

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::api::{Kind, Options};
use crate::page::Page;
use crate::serialize::page_html::page_html;

const HELP: &str = "\
newsclean — makes news pages readable

Removes clutter (ad placeholders, \"Trending\" bars, link clusters, \"Also read\"
boxes, share bars, newsletter and cookie boxes) and extracts the article.

USAGE
  newsclean extract [FILE|DIR|-]... [--url URL] [--format text|html|markdown|json]
  newsclean clean   [FILE|DIR|-]... [--url URL] [--format html|json|text] [--explain]
  newsclean eval    [--corpus DIR] [--out DIR]

COMMANDS
  extract   Print the article (what reading mode shows). Text by default: the
            body only, no title or byline. json adds title, byline, siteName,
            publishedTime, lang, dir, excerpt, content, length, readingMinutes.
  clean     Print the whole page with the clutter removed (html), the text a
            reader sees after cleaning (text), or the list of removals with
            kind and reason (json).
  eval      Score extract and clean on the evaluation corpus (default:
            $NEWSCLEAN_CORPUS, else ../shared/corpus) and print one table.

INPUT
  FILE      an HTML file (any encoding; .gz is unpacked); '-' or nothing reads
            standard input. Several files or a DIR (every *.html, *.htm,
            *.html.gz inside) are processed in parallel; then --out-dir is
            required and each input gets one output file.

OPTIONS
  --url URL        the page's address, to resolve relative links and images
  --format F       output format (see above)
  --out-dir DIR    where batch outputs go (created if missing)
  --explain        clean: also list each removal (kind, reason, text) on stderr
  --kinds K,K      clean: only these kinds (ad, trending, quick-links, related,
                   social, promo); all by default
  --snapshot       inputs are snapshot JSON (as the browser extension sends)
                   instead of HTML
  -h, --help       this help
  -V, --version    the version

EXAMPLES
  newsclean extract story.html --url https://example.com/news/story.html
  curl -s https://example.com/news | newsclean clean --format json
  newsclean extract saved-pages/ --format markdown --out-dir articles/

EXIT STATUS
  0 success (an empty article is not an error), 1 input/output error,
  2 bad usage. Errors are one line on stderr.
";

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Command {
    Extract,
    Clean,
    Eval,
}

#[derive(Debug)]
struct Args {
    command: Command,
    inputs: Vec<String>,
    url: Option<String>,
    format: Option<String>,
    out_dir: Option<PathBuf>,
    explain: bool,
    kinds: Option<Vec<Kind>>,
    snapshot: bool,
    corpus: Option<PathBuf>,
    eval_out: Option<PathBuf>,
}

/// A failure: message and exit status.
struct Fail(i32, String);

fn usage(msg: impl Into<String>) -> Fail {
    Fail(2, format!("{} (see newsclean --help)", msg.into()))
}

fn parse_args(argv: Vec<String>) -> Result<Option<Args>, Fail> {
    let mut it = argv.into_iter();
    let command = match it.next().as_deref() {
        None | Some("-h") | Some("--help") | Some("help") => return Ok(None),
        Some("-V") | Some("--version") => {
            println!("newsclean {}", env!("CARGO_PKG_VERSION"));
            return Err(Fail(0, String::new()));
        }
        Some("extract") => Command::Extract,
        Some("clean") => Command::Clean,
        Some("eval") => Command::Eval,
        Some(other) => return Err(usage(format!("unknown command '{other}'"))),
    };
    let mut a = Args {
        command,
        inputs: Vec::new(),
        url: None,
        format: None,
        out_dir: None,
        explain: false,
        kinds: None,
        snapshot: false,
        corpus: None,
        eval_out: None,
    };
    let value = |it: &mut std::vec::IntoIter<String>, flag: &str| {
        it.next()
            .ok_or_else(|| usage(format!("{flag} needs a value")))
    };
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => (arg.clone(), None),
        };
        let take = |it: &mut std::vec::IntoIter<String>| match &inline {
            Some(v) => Ok(v.clone()),
            None => value(it, &flag),
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(None),
            "--url" => a.url = Some(take(&mut it)?),
            "--format" | "-f" => a.format = Some(take(&mut it)?),
            "--out-dir" | "-o" => a.out_dir = Some(PathBuf::from(take(&mut it)?)),
            "--explain" => a.explain = true,
            "--snapshot" => a.snapshot = true,
            "--corpus" => a.corpus = Some(PathBuf::from(take(&mut it)?)),
            "--out" => a.eval_out = Some(PathBuf::from(take(&mut it)?)),
            "--kinds" => {
                let list = take(&mut it)?;
                let kinds = list
                    .split(',')
                    .map(|k| {
                        Kind::parse(k.trim()).ok_or_else(|| usage(format!("unknown kind '{k}'")))
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                a.kinds = Some(kinds);
            }
            "-" => a.inputs.push(arg),
            f if f.starts_with('-') => return Err(usage(format!("unknown option '{f}'"))),
            _ => a.inputs.push(arg),
        }
    }
    let allowed: &[&str] = match a.command {
        Command::Extract => &["text", "html", "markdown", "json"],
        Command::Clean => &["html", "json", "text"],
        Command::Eval => &[],
    };
    if let Some(f) = &a.format {
        if !allowed.contains(&f.as_str()) {
            return Err(usage(format!(
                "--format must be one of {}",
                allowed.join(", ")
            )));
        }
    }
    Ok(Some(a))
}

/// glibc raises its mmap threshold to the size of each large block freed
/// (up to 32 MiB); blocks below it then come from the heap, which seldom
/// gives freed space back. Freeing the input and the parse tables before
/// judging, as this front end does, thus left them resident: 13 MB more at
/// the peak on an 8 MB snapshot. A fixed threshold keeps large blocks
/// mapped, so freeing one returns it.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn keep_large_blocks_mapped() {
    extern "C" {
        fn mallopt(param: i32, value: i32) -> i32;
    }
    const M_MMAP_THRESHOLD: i32 = -3;
    // glibc's default initial threshold, now fixed.
    const THRESHOLD: i32 = 128 * 1024;
    // SAFETY: mallopt only sets an allocator parameter, and takes the
    // allocator's lock to do so.
    unsafe {
        mallopt(M_MMAP_THRESHOLD, THRESHOLD);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn keep_large_blocks_mapped() {}

/// Runs the command line; returns the exit status.
pub fn main(argv: Vec<String>) -> i32 {
    keep_large_blocks_mapped();
    let result = parse_args(argv).and_then(|args| match args {
        None => {
            print!("{HELP}");
            Ok(())
        }
        Some(a) if a.command == Command::Eval => {
            eval::run(a.corpus.clone(), a.eval_out.clone()).map_err(|e| Fail(1, e))
        }
        Some(a) => run(&a),
    });
    match result {
        Ok(()) => 0,
        Err(Fail(code, msg)) => {
            if !msg.is_empty() {
                eprintln!("newsclean: {msg}");
            }
            code
        }
    }
}

fn read_input(path: &str) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    if path == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
    } else {
        bytes = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    }
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_end(&mut out)
            .map_err(|e| format!("cannot unpack {path}: {e}"))?;
        bytes = out;
    }
    Ok(bytes)
}

/// The page of an input, which it consumes: each front door frees the input
/// before its own peak.
fn load_page(
    bytes: Vec<u8>,
    snapshot: bool,
    url: Option<&str>,
    name: &str,
) -> Result<Page, String> {
    let mut page = if snapshot {
        let snap: crate::Snapshot =
            serde_json::from_slice(&bytes).map_err(|e| format!("{name}: not a snapshot: {e}"))?;
        drop(bytes);
        Page::from_snapshot(&snap).map_err(|e| format!("{name}: {e}"))?
    } else {
        Page::parse_owned(bytes).map_err(|e| format!("{name}: {e}"))?
    };
    if url.is_some() {
        page.set_url(url.map(str::to_owned));
    }
    give_back_free_memory();
    Ok(page)
}

/// Returns the pages freed inside the heap to the system: parsing leaves
/// many small blocks free (the tokenizer's, the tree builder's, the
/// decoder's) between live ones, resident until the heap above them is
/// trimmed, and the article search peaks right after.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn give_back_free_memory() {
    extern "C" {
        fn malloc_trim(pad: usize) -> i32;
    }
    // SAFETY: malloc_trim only releases free memory, under the allocator's lock.
    unsafe {
        malloc_trim(0);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn give_back_free_memory() {}

/// What one input gives. JSON is written straight to its destination: as a
/// string it would be a copy of the whole output, its buffer doubling up to
/// twice that, resident beside the page and the plan (a third of the peak
/// on a page of 50,000 ad slots).
enum Output {
    Text(String),
    Article(Box<crate::Article>),
    Plan(crate::CleanPlan),
}

impl Output {
    /// Writes the output; with `newline`, ends it with one unless it is
    /// empty or already does.
    fn write(&self, w: &mut impl Write, newline: bool) -> std::io::Result<()> {
        let json = match self {
            Output::Text(text) => {
                w.write_all(text.as_bytes())?;
                if newline && !(text.is_empty() || text.ends_with('\n')) {
                    w.write_all(b"\n")?;
                }
                return w.flush();
            }
            Output::Article(article) => serde_json::to_writer_pretty(&mut *w, article),
            Output::Plan(plan) => serde_json::to_writer_pretty(&mut *w, plan),
        };
        json?;
        // Pretty JSON is never empty and never ends in a newline.
        if newline {
            w.write_all(b"\n")?;
        }
        w.flush()
    }
}

/// One input's output, and the lines `--explain` prints (empty unless
/// `--explain`).
fn process(a: &Args, bytes: Vec<u8>, name: &str) -> Result<(Output, String), String> {
    // The page owns copies of everything it needs; the input would otherwise
    // stay resident through the judging, the costliest part (1x the input).
    let page = load_page(bytes, a.snapshot, a.url.as_deref(), name)?;
    let mut options = Options {
        url: a.url.clone(),
        ..Options::default()
    };
    if let Some(k) = &a.kinds {
        options.kinds = k.clone();
    }
    let format = a.format.as_deref();
    match a.command {
        Command::Extract => {
            options.markdown = format == Some("markdown");
            let article = crate::extract(&page, &options);
            drop(page);
            let out = match (format.unwrap_or("text"), article) {
                ("json", Some(art)) => Output::Article(Box::new(art)),
                ("json", None) => Output::Text("null".to_owned()),
                ("html", Some(art)) => Output::Text(art.content),
                ("markdown", Some(art)) => {
                    let mut md = format!("# {}\n\n", art.title);
                    md.push_str(art.markdown.as_deref().unwrap_or(""));
                    Output::Text(md)
                }
                ("text", Some(art)) => Output::Text(art.text_content),
                (_, None) => Output::Text(String::new()),
                _ => Output::Text(unreachable_format()),
            };
            Ok((out, String::new()))
        }
        Command::Clean => {
            let plan = crate::clean(&page, &options);
            let explain = if a.explain {
                plan.removed
                    .iter()
                    .map(|r| format!("{}\t{}\t{}\n", r.kind.as_str(), r.reason, r.text))
                    .collect::<String>()
            } else {
                String::new()
            };
            let ids = || plan.removed.iter().map(|r| r.node).collect::<Vec<_>>();
            let out = match format.unwrap_or("html") {
                "json" => Output::Plan(plan),
                "text" => Output::Text(crate::serialize::page_html::page_text(&page, &ids())),
                _ => Output::Text(page_html(&page, &ids())),
            };
            Ok((out, explain))
        }
        Command::Eval => Ok((Output::Text(String::new()), String::new())),
    }
}

fn unreachable_format() -> String {
    String::new()
}

fn extension(a: &Args) -> &'static str {
    match (a.command, a.format.as_deref()) {
        (Command::Extract, None | Some("text")) | (Command::Clean, Some("text")) => "txt",
        (_, Some("json")) => "json",
        (_, Some("markdown")) => "md",
        _ => "html",
    }
}

/// Expands directories into the HTML files inside them, sorted.
fn expand_inputs(inputs: &[String]) -> Result<Vec<String>, Fail> {
    let mut out = Vec::new();
    for i in inputs {
        let p = Path::new(i);
        if i != "-" && p.is_dir() {
            let mut files: Vec<String> = std::fs::read_dir(p)
                .map_err(|e| Fail(1, format!("cannot list {i}: {e}")))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| {
                    let n = f.to_string_lossy().to_ascii_lowercase();
                    f.is_file()
                        && (n.ends_with(".html") || n.ends_with(".htm") || n.ends_with(".html.gz"))
                })
                .map(|f| f.to_string_lossy().into_owned())
                .collect();
            files.sort();
            out.extend(files);
        } else {
            out.push(i.clone());
        }
    }
    if out.is_empty() {
        out.push("-".to_owned());
    }
    Ok(out)
}

fn output_name(input: &str, ext: &str) -> String {
    let file = Path::new(input)
        .file_name()
        .map_or("stdin".into(), |f| f.to_string_lossy().into_owned());
    let stem = file
        .trim_end_matches(".gz")
        .trim_end_matches(".html")
        .trim_end_matches(".htm")
        .to_owned();
    format!("{stem}.{ext}")
}

fn run(a: &Args) -> Result<(), Fail> {
    let inputs = expand_inputs(&a.inputs)?;
    let batch = inputs.len() > 1 || a.out_dir.is_some();
    if !batch {
        let bytes = read_input(&inputs[0]).map_err(|e| Fail(1, e))?;
        let (out, explain) = process(a, bytes, &inputs[0]).map_err(|e| Fail(1, e))?;
        if a.explain {
            eprint!("{explain}");
        }
        // Buffered: serde_json writes a token at a time, and stdout flushes
        // at every newline.
        let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
        out.write(&mut stdout, true).or_else(|e| {
            // A closed pipe (`| head`) is the reader's choice, not an error.
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                Ok(())
            } else {
                Err(Fail(1, format!("cannot write output: {e}")))
            }
        })?;
        return Ok(());
    }
    let Some(dir) = &a.out_dir else {
        return Err(usage("several inputs need --out-dir"));
    };
    if inputs.iter().any(|i| i == "-") {
        return Err(usage("standard input cannot be part of a batch"));
    }
    std::fs::create_dir_all(dir)
        .map_err(|e| Fail(1, format!("cannot create {}: {e}", dir.display())))?;
    let ext = extension(a);
    let done = AtomicUsize::new(0);
    let total = inputs.len();
    let tty = std::io::stderr().is_terminal();
    let failures: Vec<String> = inputs
        .par_iter()
        .filter_map(|input| {
            let result = read_input(input)
                .and_then(|bytes| process(a, bytes, input))
                .and_then(|(out, explain)| {
                    let target = dir.join(output_name(input, ext));
                    if a.explain {
                        eprint!(
                            "{}",
                            explain
                                .lines()
                                .map(|l| format!("{input}\t{l}\n"))
                                .collect::<String>()
                        );
                    }
                    std::fs::File::create(&target)
                        .and_then(|file| out.write(&mut std::io::BufWriter::new(file), false))
                        .map_err(|e| format!("cannot write {}: {e}", target.display()))
                });
            let n = done.fetch_add(1, Ordering::Relaxed) + 1;
            if tty {
                eprint!("\r[{n}/{total}] {input}\x1b[K");
            }
            result.err()
        })
        .collect();
    if tty {
        eprintln!();
    }
    if let Some(first) = failures.first() {
        return Err(Fail(
            1,
            format!(
                "{} of {total} inputs failed; first: {first}",
                failures.len()
            ),
        ));
    }
    Ok(())
}
