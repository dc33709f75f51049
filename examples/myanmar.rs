//! Myanmar: how present are the US, Japan and China, and do the allies align?
//!
//! Prints presence of the United States, Japan and China by dimension in 2005, 2012 and 2019, their alignment,
//! UN General Assembly voting by decade and the institutions they share with Myanmar, and writes
//! the charts to `target/examples/myanmar/`. Scores come from the default presence spec
//! (`data/presence.toml`) on the shipped data; a dimension without data prints as missing.
//!
//! Run: `cargo run --example myanmar`

use linkage::report::case_study::{CaseStudies, output_dir};

fn main() -> linkage::Result<()> {
    let cs = CaseStudies::load()?;
    let partner = linkage::iso3!("MMR");
    println!("{}", cs.brief(partner, &[2005, 2012, 2019]));
    let files = cs.charts(&output_dir("myanmar"), &[partner])?;
    println!(
        "{} chart files in {}",
        files.len(),
        output_dir("myanmar").display()
    );
    Ok(())
}
