//! Aid indicators: DAC donors' net bilateral aid (WDI, from OECD DAC) and China's ODA-like
//! commitments (AidData GCDF 3.0).
//!
//! - `aid_share_dac` = A_DP / A_TP, where A_DP is donor D's net bilateral aid to partner P
//!   (DC.DAC.\<D\>L.CD) and A_TP all DAC donors' net bilateral aid to P (DC.DAC.TOTL.CD), both
//!   net disbursements in current US$. Formed for the nine DAC-member donors, **not for EU
//!   institutions** (`EUI`): the files do not say whether the DAC total includes them. A
//!   negative A_DP (net repayment) gives a negative share, kept as it is; the share is not
//!   capped at 1 (other donors' repayments can make one donor's net aid exceed the net total).
//!   When A_TP ≤ 0 (recipients that repay more than they receive, e.g. China and Thailand in
//!   most recent years) a share of the total is undefined: no row, counted.
//! - `aid_gdp_dac` = 100 × A_DP / GDP_P (GDP in current US$, WDI), for all ten donors
//!   including `EUI`. Negative when the donor was repaid on balance.
//! - `aid_commitments_gdp_aiddata` = 100 × C_P / GDP_P with actor `CHN`, where C_P is China's
//!   ODA-like commitments to P in the year (AidData `oda_amt`, constant 2021 US$). AidData's
//!   zeros (no recorded project) give 0.
//!
//! **AidData commitments and DAC net disbursements are different measures** and must not be
//! compared or added: a commitment is the amount promised in the year an agreement is signed,
//! a net disbursement is money actually paid out in the year less repayments received. The
//! price bases differ too (AidData in constant 2021 US$, DAC and GDP in current US$), so the
//! AidData ratio also mixes price bases, as the catalogue's formula says.
//!
//! A missing denominator gives no row — never a zero — and is counted. The returned
//! [`Accounting`] counts *candidate panel rows*: one per input value per indicator it can
//! feed (a DAC donor value feeds `aid_share_dac` and `aid_gdp_dac`, an `EUI` value and an
//! AidData value one indicator each). Rows used = panel rows pushed.

use crate::derive::ratio;
use crate::error::Result;
use crate::iso3;
use crate::panel::Panel;
use crate::panel::accounting::Accounting;
use crate::panel::method::Method;
use crate::sources::CountryYear;
use crate::sources::dac::DacAid;

/// Push `aid_share_dac`, `aid_gdp_dac` and `aid_commitments_gdp_aiddata` into `panel`.
///
/// `dac` holds the DAC donor series and total, `china_oda` AidData's ODA-like commitments
/// by (recipient, year), `gdp` WDI GDP in current US$.
///
/// # Errors
/// A panel rule broken by a derived value (duplicate key, non-finite value).
///
/// # Examples
/// ```
/// use linkage::{Concordance, Panel, catalogue, iso3, sources::{aiddata, dac, worldbank}};
/// let data = linkage::default_data_dir();
/// let c = Concordance::load(&data).unwrap();
/// let (aid, _) = dac::load(&data.join(dac::DIR), &c).unwrap();
/// let oda = aiddata::load(&data.join(aiddata::FILE), &c).unwrap().records;
/// let gdp = worldbank::load(&data.join(worldbank::GDP_FILE), &c).unwrap().records;
/// let mut p = Panel::new(catalogue()).unwrap();
/// let acc = linkage::derive::aid::derive(&aid, &oda, &gdp, &mut p).unwrap();
/// assert_eq!(acc.rows_used(), p.len());
/// // Japan gave close to half of the DAC donors' net bilateral aid to Myanmar in 2019.
/// let share = p.get(iso3!("JPN"), iso3!("MMR"), 2019, "aid_share_dac").unwrap();
/// assert!(share > 0.4 && share < 0.5);
/// assert!(p.get(iso3!("CHN"), iso3!("MMR"), 2019, "aid_commitments_gdp_aiddata").is_some());
/// ```
pub fn derive(
    dac: &DacAid,
    china_oda: &CountryYear,
    gdp: &CountryYear,
    panel: &mut Panel,
) -> Result<Accounting> {
    let eu = iso3!("EUI");
    let china = iso3!("CHN");
    let mut acc = Accounting::new(
        "aid indicators (WDI DAC, AidData)",
        "DAC net bilateral aid by donor and total; AidData ODA-like commitments; WDI GDP",
    );
    for (&donor, series) in &dac.by_donor {
        for (&(partner, year), &aid) in series {
            if partner == donor {
                acc.exclude(
                    "partner is the donor itself",
                    if donor == eu { 1 } else { 2 },
                );
                continue;
            }
            // aid_share_dac (EU institutions: not a candidate row of the share)
            if donor != eu {
                match dac.total.get(&(partner, year)).copied() {
                    None => acc.exclude("aid_share_dac: DAC total missing for the partner-year", 1),
                    Some(total) => match ratio(Some(aid), Some(total)) {
                        Some(share) => {
                            panel.push_derived(
                                donor,
                                partner,
                                year,
                                "aid_share_dac",
                                share,
                                Method::Formula,
                                Some(total),
                            )?;
                            acc.used(1);
                        }
                        None => acc.exclude(
                            "aid_share_dac: DAC total is zero or negative (net repayments), share undefined",
                            1,
                        ),
                    },
                }
            }
            // aid_gdp_dac
            let g = gdp.get(&(partner, year)).copied();
            match ratio(Some(aid), g) {
                Some(v) => {
                    panel.push_derived(
                        donor,
                        partner,
                        year,
                        "aid_gdp_dac",
                        100.0 * v,
                        Method::Formula,
                        g,
                    )?;
                    acc.used(1);
                }
                None => acc.exclude("aid_gdp_dac: partner's GDP missing", 1),
            }
        }
    }
    for (&(partner, year), &oda) in china_oda {
        if partner == china {
            acc.exclude("partner is the donor itself", 1);
            continue;
        }
        match ratio(Some(oda), gdp.get(&(partner, year)).copied()) {
            Some(v) => {
                panel.push(
                    china,
                    partner,
                    year,
                    "aid_commitments_gdp_aiddata",
                    100.0 * v,
                )?;
                acc.used(1);
            }
            None => acc.exclude("aid_commitments_gdp_aiddata: partner's GDP missing", 1),
        }
    }
    Ok(acc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue;
    use crate::panel::country::Concordance;
    use crate::sources::{aiddata, dac, worldbank};
    use approx::assert_relative_eq;
    use std::collections::BTreeMap;

    #[test]
    fn hand_checked_fixture() {
        // Partner MMR, 2019. Japan 30, US -5 (net repayment), EU 10; DAC total 100; GDP 1,000
        // (all US$ m, written in US$).
        //   share JPN = 30 / 100 = 0.30; share USA = -5 / 100 = -0.05 (negative, not floored);
        //   EU: no share (not formed for EU institutions).
        //   % of GDP: JPN 100 × 30 / 1000 = 3; USA 100 × -5 / 1000 = -0.5; EU 100 × 10 / 1000 = 1.
        //   China commits 20 in 2019: 100 × 20 / 1000 = 2; China 0 in 2018 (GDP 800): 0.
        let (jp, us, eu, cn, mm) = (
            iso3!("JPN"),
            iso3!("USA"),
            iso3!("EUI"),
            iso3!("CHN"),
            iso3!("MMR"),
        );
        let m = 1e6;
        let dac = DacAid {
            by_donor: BTreeMap::from([
                (jp, CountryYear::from([((mm, 2019), 30.0 * m)])),
                (us, CountryYear::from([((mm, 2019), -5.0 * m)])),
                (eu, CountryYear::from([((mm, 2019), 10.0 * m)])),
            ]),
            total: CountryYear::from([((mm, 2019), 100.0 * m)]),
        };
        let oda = CountryYear::from([((mm, 2019), 20.0 * m), ((mm, 2018), 0.0)]);
        let gdp = CountryYear::from([((mm, 2019), 1000.0 * m), ((mm, 2018), 800.0 * m)]);
        let mut p = Panel::new(catalogue()).unwrap();
        let acc = derive(&dac, &oda, &gdp, &mut p).unwrap();
        assert_relative_eq!(
            p.get(jp, mm, 2019, "aid_share_dac").unwrap(),
            0.30,
            epsilon = 1e-12
        );
        assert_relative_eq!(
            p.get(us, mm, 2019, "aid_share_dac").unwrap(),
            -0.05,
            epsilon = 1e-12
        );
        assert!(p.get(eu, mm, 2019, "aid_share_dac").is_none());
        assert_relative_eq!(
            p.get(jp, mm, 2019, "aid_gdp_dac").unwrap(),
            3.0,
            epsilon = 1e-12
        );
        assert_relative_eq!(
            p.get(us, mm, 2019, "aid_gdp_dac").unwrap(),
            -0.5,
            epsilon = 1e-12
        );
        assert_relative_eq!(
            p.get(eu, mm, 2019, "aid_gdp_dac").unwrap(),
            1.0,
            epsilon = 1e-12
        );
        assert_relative_eq!(
            p.get(cn, mm, 2019, "aid_commitments_gdp_aiddata").unwrap(),
            2.0,
            epsilon = 1e-12
        );
        assert_relative_eq!(
            p.get(cn, mm, 2018, "aid_commitments_gdp_aiddata").unwrap(),
            0.0
        );
        // 2 shares + 3 GDP ratios + 2 AidData ratios, nothing excluded.
        assert_eq!(p.len(), 7);
        assert_eq!(acc.rows_used(), 7);
        assert_eq!(acc.rows_excluded(), 0);
    }

    #[test]
    fn missing_or_non_positive_denominators_give_no_row() {
        // JPN in MMR 2019: no DAC total and no GDP → no share, no ratio (not zero).
        // JPN in THA 2019: total -10 (net repayments) → share undefined; GDP missing too.
        // China in VNM 2019: no GDP → no row.
        let (jp, mm, th, vn) = (iso3!("JPN"), iso3!("MMR"), iso3!("THA"), iso3!("VNM"));
        let dac = DacAid {
            by_donor: BTreeMap::from([(
                jp,
                CountryYear::from([((mm, 2019), 30.0), ((th, 2019), 5.0)]),
            )]),
            total: CountryYear::from([((th, 2019), -10.0)]),
        };
        let oda = CountryYear::from([((vn, 2019), 7.0)]);
        let mut p = Panel::new(catalogue()).unwrap();
        let acc = derive(&dac, &oda, &CountryYear::new(), &mut p).unwrap();
        assert!(p.is_empty());
        assert_eq!(acc.rows_used(), 0);
        assert_eq!(acc.rows_excluded(), 5);
        let ex = acc.exclusions();
        assert_eq!(
            ex["aid_share_dac: DAC total missing for the partner-year"],
            1
        );
        assert_eq!(
            ex["aid_share_dac: DAC total is zero or negative (net repayments), share undefined"],
            1
        );
        assert_eq!(ex["aid_gdp_dac: partner's GDP missing"], 2);
        assert_eq!(ex["aid_commitments_gdp_aiddata: partner's GDP missing"], 1);
    }

    #[test]
    fn real_data_spot_checks() {
        let data = crate::default_data_dir();
        let c = Concordance::load(&data).unwrap();
        let (aid, _) = dac::load(&data.join(dac::DIR), &c).unwrap();
        let oda = aiddata::load(&data.join(aiddata::FILE), &c)
            .unwrap()
            .records;
        let gdp = worldbank::load(&data.join(worldbank::GDP_FILE), &c)
            .unwrap()
            .records;
        let mut p = Panel::new(catalogue()).unwrap();
        let acc = derive(&aid, &oda, &gdp, &mut p).unwrap();
        assert!(acc.balances());
        assert_eq!(acc.rows_used(), p.len());
        let (jp, mm) = (iso3!("JPN"), iso3!("MMR"));
        // jpnl `mmr,2019,756930786.13281` / totl `mmr,2019,1623543121.40576` = 0.466221…
        assert_relative_eq!(
            p.get(jp, mm, 2019, "aid_share_dac").unwrap(),
            756930786.13281 / 1623543121.40576,
            max_relative = 1e-12
        );
        // aid_gdp_dac: 100 × jpnl / Myanmar's GDP 2019 from the GDP file.
        let g = gdp[&(mm, 2019)];
        assert_relative_eq!(
            p.get(jp, mm, 2019, "aid_gdp_dac").unwrap(),
            100.0 * 756930786.13281 / g,
            max_relative = 1e-12
        );
        // EU institutions: cecl `mmr,2019,120239379.88281`; a GDP ratio, no share.
        assert_relative_eq!(
            p.get(iso3!("EUI"), mm, 2019, "aid_gdp_dac").unwrap(),
            100.0 * 120239379.88281 / g,
            max_relative = 1e-12
        );
        assert!(p.get(iso3!("EUI"), mm, 2019, "aid_share_dac").is_none());
        // AidData: `775,2019,…,14549584.482629113,…` (oda_amt) / the same GDP.
        assert_relative_eq!(
            p.get(iso3!("CHN"), mm, 2019, "aid_commitments_gdp_aiddata")
                .unwrap(),
            100.0 * 14549584.482629113 / g,
            max_relative = 1e-12
        );
        // Thailand 2019: totl `tha,2019,-378784121.59672` (net repayments): no shares at all.
        assert!(
            aid.by_donor
                .keys()
                .all(|&d| p.get(d, iso3!("THA"), 2019, "aid_share_dac").is_none())
        );
        // Negative DAC shares exist in the real data and are kept; where the DAC total is
        // small, a share leaves [-1, 1] by far: Indonesia 2016, jpnl `idn,2016,-1206339965.82031`
        // over totl `idn,2016,7092510.30674` = -170.09.
        let k = p.indicator_index("aid_share_dac").unwrap();
        assert!(p.rows().iter().any(|o| o.indicator == k && o.value < 0.0));
        assert_relative_eq!(
            p.get(jp, iso3!("IDN"), 2016, "aid_share_dac").unwrap(),
            -1206339965.82031 / 7092510.30674,
            max_relative = 1e-12
        );
        // Panel rows per indicator and the account of the shipped data.
        let count = |code: &str| {
            let k = p.indicator_index(code).unwrap();
            p.rows().iter().filter(|o| o.indicator == k).count()
        };
        assert_eq!(count("aid_share_dac"), 5272);
        assert_eq!(count("aid_gdp_dac"), 6243);
        assert_eq!(count("aid_commitments_gdp_aiddata"), 2411);
        let ex = acc.exclusions();
        assert_eq!(
            ex["aid_share_dac: DAC total is zero or negative (net repayments), share undefined"],
            336
        );
        assert_eq!(ex["aid_gdp_dac: partner's GDP missing"], 29);
        assert_eq!(ex["aid_commitments_gdp_aiddata: partner's GDP missing"], 47);
    }
}
