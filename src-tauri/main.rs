fn main() {
    std::process::exit(postdesk::cli::main());
}
