//! Unit tests of the voting measures: hand-worked tables and properties ([`kernels`]), pairs
//! counted by hand on the shipped data ([`shipped`]), and the table ([`table`]).

use std::ops::Range;
use std::sync::OnceLock;

use super::IssueFilter;
use crate::Concordance;
use crate::sources::unvotes::UnVotes;

mod kernels;
mod shipped;
mod table;

/// The shipped vote data, loaded once for all tests.
fn data() -> &'static UnVotes {
    static DATA: OnceLock<UnVotes> = OnceLock::new();
    DATA.get_or_init(|| {
        let dir = crate::default_data_dir();
        crate::sources::unvotes::load(&dir, &Concordance::load(&dir).unwrap())
            .unwrap()
            .records
    })
}

fn issue(v: &UnVotes, short: &str) -> IssueFilter {
    IssueFilter::Issue(
        v.issues()
            .iter()
            .position(|i| i.short_name == short)
            .unwrap(),
    )
}

fn year(v: &UnVotes, y: i32) -> Range<usize> {
    v.year_ranges()
        .iter()
        .find(|(k, _)| *k == y)
        .unwrap()
        .1
        .clone()
}
