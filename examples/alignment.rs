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

use linkage::alignment::{institutions, voting};
use linkage::iso3;
use linkage::report::CASE_STUDIES;
use linkage::report::case_study::CaseStudies;

fn main() -> linkage::Result<()> {
    let cs = CaseStudies::load()?;
    let (us, jp, cn) = (iso3!("USA"), iso3!("JPN"), iso3!("CHN"));
    let name = |c| cs.data.concordance.name(c);
    let region = cs.data.concordance.indo_pacific();
    let us_jp = |m: &'static str| {
        cs.alignment
            .iter()
            .filter(move |r| r.actor_a == us && r.actor_b == jp && r.measure == m)
    };

    // 1. Profile alignment, latest year with a US–Japan cosine in the Indo-Pacific.
    let latest = us_jp("cosine")
        .filter(|r| region.contains(&r.partner))
        .map(|r| r.year)
        .max()
        .unwrap_or(0);
    let mut last: Vec<_> = us_jp("cosine")
        .filter(|r| r.year == latest && region.contains(&r.partner))
        .collect();
    last.sort_by(|a, b| b.value.total_cmp(&a.value));
    println!("1. US-Japan presence-profile alignment in {latest} (cosine over n dimensions)");
    let n = last.len();
    for (label, part) in [
        ("most", &last[..n.min(5)]),
        ("least", &last[n.saturating_sub(5)..]),
    ] {
        println!("   {label} aligned:");
        for r in part {
            let comp = us_jp("complementarity")
                .find(|x| x.partner == r.partner && x.year == latest)
                .map_or(f64::NAN, |x| x.value);
            let (partner, cosine, n) = (name(r.partner), r.value, r.n);
            println!("     {partner:<28} cosine {cosine:.3}  complementarity {comp:.3}  (n = {n})");
        }
    }

    // 2. UN voting agreement of each case study with the three actors, by decade.
    println!("\n2. UN General Assembly vote agreement (1 - mean distance / 2; n votes)");
    println!(
        "   {:<14} {:<4}   1990-1999        2000-2009        2010-2019",
        "partner", "with"
    );
    for partner in CASE_STUDIES {
        for actor in [us, jp, cn] {
            print!("   {:<14} {:<4}", name(partner), actor.as_str());
            for y in [1990, 2000, 2010] {
                let all = voting::IssueFilter::All;
                match voting::period_similarity(&cs.data.votes, partner, actor, y..=y + 9, all) {
                    Some(s) if s.n > 0 => {
                        print!("   {:.3} ({:>4})  ", s.agreement.unwrap_or(f64::NAN), s.n)
                    }
                    _ => print!("   {:>12}  ", "missing"),
                }
            }
            println!();
        }
    }

    // 3. Institutions shared with the US, Japan and China, and since when (complete lists only).
    println!("\n3. Rule-making institutions shared in 2023 (complete lists; since year)");
    for partner in CASE_STUDIES {
        let t = institutions::us_japan_china(&cs.data.memberships, partner, 2023);
        println!("   {}:", name(partner));
        for (actor, ties) in [(us, &t.usa), (jp, &t.jpn), (cn, &t.chn)] {
            let list: Vec<String> = ties
                .iter()
                .map(|t| format!("{} {}", t.institution.code(), t.since))
                .collect();
            let list = Some(list.join(", ")).filter(|l| !l.is_empty());
            println!(
                "     with {}: {}",
                actor.as_str(),
                list.as_deref().unwrap_or("none")
            );
        }
    }
    println!(
        "\n   TPP_SIGNATORY: both signed the 2016 TPP (never in force). Incomplete lists (WTO, G20,\n   \
         AIIB, Belt and Road MoUs) are left out. Sources: data/README.md."
    );
    Ok(())
}
