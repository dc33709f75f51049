//! Vietnam: where do US and Japanese presence meet, against China's?
//!
//! Prints presence of the United States, Japan and China by dimension in 2005, 2015 and 2019, their alignment,
//! UN General Assembly voting by decade and the institutions they share with Vietnam, and writes
//! the charts to `target/examples/vietnam/`. Scores come from the default presence spec
//! (`data/presence.toml`) on the shipped data; a dimension without data prints as missing.
//!
//! Run: `cargo run --example vietnam`

use linkage::report::case_study::{CaseStudies, output_dir};

fn main() -> linkage::Result<()> {
    let cs = CaseStudies::load()?;
    let partner = linkage::iso3!("VNM");
    println!("{}", cs.brief(partner, &[2005, 2015, 2019]));
    let files = cs.charts(&output_dir("vietnam"), &[partner])?;
    println!(
        "{} chart files in {}",
        files.len(),
        output_dir("vietnam").display()
    );
    Ok(())
}
