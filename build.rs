//! Rebuilds when migrations, templates or messages change (they are read at
//! compile time).
fn main() {
    println!("cargo:rerun-if-changed=migrations");
    println!("cargo:rerun-if-changed=templates");
    println!("cargo:rerun-if-changed=src/i18n/locales");
}
