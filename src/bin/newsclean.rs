//! The `newsclean` command: see `newsclean --help`.

fn main() {
    std::process::exit(newsclean::cli::main(std::env::args().skip(1).collect()));
}
