//! Where do US and Japanese presence line up in the Indo-Pacific, and against China?
//!
//! 1. In which Indo-Pacific partners are US and Japanese presence profiles most and least
//!    aligned in the latest year with scores (cosine similarity of the dimension scores)?
//! 2. How has each case-study partner's UN General Assembly voting moved between the US, Japan
//!    and China since 1990 (agreement, decade by decade)?
//! 3. Which rule-making institutions tie each case-study partner to the US, to Japan and to
//!    China, and since when?
//!
//! Run: `cargo run --example alignment`

use linkage::alignment::{institutions, profile, voting};
use linkage::report::CASE_STUDIES;
use linkage::{Dataset, iso3, presence};

fn main() -> linkage::Result<()> {
    let data = Dataset::load(linkage::default_data_dir())?;
    let built = data.default_panel()?;
    let fw = presence::default_spec(&data.dir)?.resolve()?;
    let p = presence::score(&built.panel, &fw)?;
    let (us, jp, cn) = (iso3!("USA"), iso3!("JPN"), iso3!("CHN"));

    // 1. Profile alignment, latest year with a US–Japan cosine in the Indo-Pacific.
    let region = data.concordance.indo_pacific();
    let rows = profile::alignment_table(&p, &profile::AlignmentOptions::default());
    let cos: Vec<_> = rows
        .iter()
        .filter(|r| r.actor_a == us && r.actor_b == jp && r.measure == "cosine")
        .filter(|r| region.contains(&r.partner))
        .collect();
    let latest = cos.iter().map(|r| r.year).max().unwrap_or(0);
    let mut last: Vec<_> = cos.iter().filter(|r| r.year == latest).collect();
    last.sort_by(|a, b| b.value.total_cmp(&a.value));
    println!("1. US-Japan presence-profile alignment in {latest} (cosine over n dimensions)");
    let name = |c| data.concordance.name(c);
    for (label, part) in [
        ("most aligned", &last[..last.len().min(5)]),
        ("least aligned", &last[last.len().saturating_sub(5)..]),
    ] {
        println!("   {label}:");
        for r in part.iter() {
            let comp = rows
                .iter()
                .find(|x| {
                    x.actor_b == jp
                        && x.actor_a == us
                        && x.partner == r.partner
                        && x.year == latest
                        && x.measure == "complementarity"
                })
                .map_or(f64::NAN, |x| x.value);
            println!(
                "     {:<28} cosine {:.3}  complementarity {:.3}  (n = {})",
                name(r.partner),
                r.value,
                comp,
                r.n
            );
        }
    }

    // 2. UN voting agreement of each case study with the three actors, by decade.
    println!("\n2. UN General Assembly vote agreement (share of the maximum distance; n votes)");
    let decades = [(1990, 1999), (2000, 2009), (2010, 2019)];
    print!("   {:<14} {:<4}", "partner", "with");
    for (a, b) in decades {
        print!("   {a}-{b}   ");
    }
    println!();
    for partner in CASE_STUDIES {
        for actor in [us, jp, cn] {
            print!("   {:<14} {:<4}", name(partner), actor.as_str());
            for (a, b) in decades {
                match voting::period_similarity(
                    &data.votes,
                    partner,
                    actor,
                    a..=b,
                    voting::IssueFilter::All,
                ) {
                    Some(s) if s.n > 0 => {
                        print!("   {:.3} ({:>4})", s.agreement.unwrap_or(f64::NAN), s.n)
                    }
                    _ => print!("   {:>12}", "missing"),
                }
            }
            println!();
        }
    }

    // 3. Institutions shared with the US, Japan and China, and since when (complete lists only).
    println!(
        "\n3. Rule-making institutions shared in 2023 (complete membership lists; since year)"
    );
    for partner in CASE_STUDIES {
        let t = institutions::us_japan_china(&data.memberships, partner, 2023);
        println!("   {}:", name(partner));
        for (actor, ties) in [(us, &t.usa), (jp, &t.jpn), (cn, &t.chn)] {
            let list: Vec<String> = ties
                .iter()
                .map(|t| format!("{} {}", t.institution.code(), t.since))
                .collect();
            println!(
                "     with {}: {}",
                actor.as_str(),
                if list.is_empty() {
                    "none".into()
                } else {
                    list.join(", ")
                }
            );
        }
    }
    println!(
        "\n   TPP_SIGNATORY means both signed the 2016 TPP (never in force); incomplete lists (WTO, G20,"
    );
    println!("   AIIB, Belt and Road MoUs) are left out. Sources: data/README.md.");
    Ok(())
}
