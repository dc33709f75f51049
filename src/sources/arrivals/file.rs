//! The ten files and the UNWTO series codes: what each file is and which rules apply to it.

use crate::iso3;
use crate::panel::country::Iso3;

/// One of the ten arrivals files of [`DIR`](super::DIR), with the rules the adapter applies to it.
///
/// # Examples
/// ```
/// use linkage::{iso3, sources::arrivals::{self, ArrivalsFile}};
/// let dir = linkage::default_data_dir().join(arrivals::DIR);
/// assert!(ArrivalsFile::ALL.iter().all(|f| dir.join(f.file_name()).exists()));
/// assert_eq!(ArrivalsFile::Kto.destination(), Some(iso3!("KOR")));
/// assert_eq!(ArrivalsFile::Kto.total_label(), Some("전 체"));
/// assert_eq!(ArrivalsFile::ChinaOutbound.destination(), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ArrivalsFile {
    /// JNTO workbook `since2003_visitor_arrivals`, Japan 2003–2021 (§20a).
    JntoWorkbook,
    /// JNTO, all 198 nationalities, Japan 2019–2024 (§20b).
    JntoAllNationalities,
    /// JNTO by nationality/purpose via RituBansal12, Japan 1996–2024 (§20c).
    JntoLong,
    /// Korea Tourism Organization, Korea 2005–2022 (§20d).
    Kto,
    /// UNWTO Yearbook, arrivals in China by nationality (`VFN`), 2014–2018 (§20e).
    ChinaInbound,
    /// UNWTO outbound: Chinese arrivals as 164 destinations record them, 1995–2018 (§20f).
    ChinaOutbound,
    /// India, foreign tourist arrivals by nationality, 2004–2015 (§20g).
    India2004,
    /// India, foreign tourist arrivals by nationality, 2021 (§20h).
    India2021,
    /// Singapore Tourism Board, visitor arrivals by country of residence, 1978–2016 (§20i).
    Singapore,
    /// VNAT, international visitors to Vietnam by market, 2018 (top 29 markets, §20j).
    Vietnam,
}

impl ArrivalsFile {
    /// The ten files, in the order [`load`](super::load) reads them.
    ///
    /// # Examples
    /// ```
    /// use linkage::sources::arrivals::ArrivalsFile;
    /// assert_eq!(ArrivalsFile::ALL.len(), 10);
    /// assert_eq!(ArrivalsFile::ALL[0], ArrivalsFile::JntoWorkbook);
    /// ```
    pub const ALL: [ArrivalsFile; 10] = [
        ArrivalsFile::JntoWorkbook,
        ArrivalsFile::JntoAllNationalities,
        ArrivalsFile::JntoLong,
        ArrivalsFile::Kto,
        ArrivalsFile::ChinaInbound,
        ArrivalsFile::ChinaOutbound,
        ArrivalsFile::India2004,
        ArrivalsFile::India2021,
        ArrivalsFile::Singapore,
        ArrivalsFile::Vietnam,
    ];

    /// The file name inside [`DIR`](super::DIR).
    ///
    /// # Examples
    /// ```
    /// use linkage::sources::arrivals::ArrivalsFile;
    /// assert_eq!(ArrivalsFile::India2021.file_name(), "india_fta_by_nationality_2021.csv");
    /// ```
    pub fn file_name(self) -> &'static str {
        match self {
            ArrivalsFile::JntoWorkbook => "jnto_japan_arrivals_by_nationality_2003_2021.csv",
            ArrivalsFile::JntoAllNationalities => {
                "jnto_japan_arrivals_all_nationalities_2019_2024.csv"
            }
            ArrivalsFile::JntoLong => "jnto_japan_arrivals_by_nationality_1996_2024.csv",
            ArrivalsFile::Kto => "kto_korea_arrivals_by_nationality_2005_2022.csv",
            ArrivalsFile::ChinaInbound => "unwto_china_arrivals_by_nationality_2014_2018.csv",
            ArrivalsFile::ChinaOutbound => "unwto_china_outbound_by_destination_1995_2018.csv",
            ArrivalsFile::India2004 => "india_fta_by_nationality_2004_2015.csv",
            ArrivalsFile::India2021 => "india_fta_by_nationality_2021.csv",
            ArrivalsFile::Singapore => "stb_singapore_arrivals_by_residence_1978_2016.csv",
            ArrivalsFile::Vietnam => "vnat_vietnam_arrivals_by_market_2018.csv",
        }
    }

    /// The one destination every row must have; `None` for the UNWTO outbound file, whose
    /// destinations vary (its origin is always China instead).
    ///
    /// # Examples
    /// ```
    /// use linkage::{iso3, sources::arrivals::ArrivalsFile};
    /// assert_eq!(ArrivalsFile::JntoLong.destination(), Some(iso3!("JPN")));
    /// assert_eq!(ArrivalsFile::ChinaOutbound.destination(), None);
    /// ```
    pub fn destination(self) -> Option<Iso3> {
        match self {
            ArrivalsFile::JntoWorkbook
            | ArrivalsFile::JntoAllNationalities
            | ArrivalsFile::JntoLong => Some(iso3!("JPN")),
            ArrivalsFile::Kto => Some(iso3!("KOR")),
            ArrivalsFile::ChinaInbound => Some(iso3!("CHN")),
            ArrivalsFile::ChinaOutbound => None,
            ArrivalsFile::India2004 | ArrivalsFile::India2021 => Some(iso3!("IND")),
            ArrivalsFile::Singapore => Some(iso3!("SGP")),
            ArrivalsFile::Vietnam => Some(iso3!("VNM")),
        }
    }

    /// The `origin_label` of the file's total row (all nationalities together), or `None` when
    /// the file has none. Only these four files have one; the JNTO all-nationalities file lists
    /// `Stateless and others` and `Unknown` but no total, and its sum over areas is not a row.
    ///
    /// # Examples
    /// ```
    /// use linkage::sources::arrivals::ArrivalsFile;
    /// assert_eq!(ArrivalsFile::JntoWorkbook.total_label(), Some("総数"));
    /// assert_eq!(ArrivalsFile::ChinaInbound.total_label(), Some("TOTAL"));
    /// assert_eq!(ArrivalsFile::India2021.total_label(), Some("Grand Total"));
    /// assert_eq!(ArrivalsFile::JntoAllNationalities.total_label(), None);
    /// ```
    pub fn total_label(self) -> Option<&'static str> {
        match self {
            ArrivalsFile::JntoWorkbook => Some("総数"),
            ArrivalsFile::Kto => Some("전 체"),
            ArrivalsFile::ChinaInbound => Some("TOTAL"),
            ArrivalsFile::India2021 => Some("Grand Total"),
            _ => None,
        }
    }

    /// First and last year the file covers (a year outside is an error).
    ///
    /// # Examples
    /// ```
    /// use linkage::sources::arrivals::ArrivalsFile;
    /// assert_eq!(ArrivalsFile::Kto.years(), (2005, 2022));
    /// ```
    pub fn years(self) -> (i32, i32) {
        match self {
            ArrivalsFile::JntoWorkbook => (2003, 2021),
            ArrivalsFile::JntoAllNationalities => (2019, 2024),
            ArrivalsFile::JntoLong => (1996, 2024),
            ArrivalsFile::Kto => (2005, 2022),
            ArrivalsFile::ChinaInbound => (2014, 2018),
            ArrivalsFile::ChinaOutbound => (1995, 2018),
            ArrivalsFile::India2004 => (2004, 2015),
            ArrivalsFile::India2021 => (2021, 2021),
            ArrivalsFile::Singapore => (1978, 2016),
            ArrivalsFile::Vietnam => (2018, 2018),
        }
    }

    /// Whether the rows carry a UNWTO series code (the two UNWTO files); elsewhere `series` is
    /// empty.
    ///
    /// # Examples
    /// ```
    /// use linkage::sources::arrivals::ArrivalsFile;
    /// assert!(ArrivalsFile::ChinaOutbound.has_series());
    /// assert!(!ArrivalsFile::Kto.has_series());
    /// ```
    pub fn has_series(self) -> bool {
        matches!(
            self,
            ArrivalsFile::ChinaInbound | ArrivalsFile::ChinaOutbound
        )
    }

    /// Short name for accounts and messages (the `step` of the file's [`Accounting`](crate::Accounting)).
    ///
    /// # Examples
    /// ```
    /// use linkage::sources::arrivals::ArrivalsFile;
    /// assert_eq!(ArrivalsFile::Vietnam.label(), "arrivals: VNAT Vietnam 2018");
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            ArrivalsFile::JntoWorkbook => "arrivals: JNTO workbook 2003-2021",
            ArrivalsFile::JntoAllNationalities => "arrivals: JNTO all nationalities 2019-2024",
            ArrivalsFile::JntoLong => "arrivals: JNTO by nationality 1996-2024",
            ArrivalsFile::Kto => "arrivals: KTO Korea 2005-2022",
            ArrivalsFile::ChinaInbound => "arrivals: UNWTO China inbound 2014-2018",
            ArrivalsFile::ChinaOutbound => "arrivals: UNWTO China outbound 1995-2018",
            ArrivalsFile::India2004 => "arrivals: India FTAs 2004-2015",
            ArrivalsFile::India2021 => "arrivals: India FTAs 2021",
            ArrivalsFile::Singapore => "arrivals: STB Singapore 1978-2016",
            ArrivalsFile::Vietnam => "arrivals: VNAT Vietnam 2018",
        }
    }
}

/// A UNWTO series code (§20e, §20f), declared in the order of preference of the catalogue's
/// formula: frontier counts first (visitors, then tourists; nationality before residence),
/// then hotels and similar establishments, then all collective accommodation. `Ord` follows
/// that order, so the smallest series present is the preferred one.
///
/// # Examples
/// ```
/// use linkage::sources::arrivals::Series;
/// assert_eq!(Series::parse("TFN"), Some(Series::Tfn));
/// assert!(Series::Vfn < Series::Tfr && Series::Tfr < Series::Thsn);
/// assert_eq!(Series::PRECEDENCE.map(Series::code).join(" "), "VFN VFR TFN TFR THSN THSR TCEN TCER");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Series {
    /// Visitors (including same-day) at frontiers, by nationality.
    Vfn,
    /// Visitors at frontiers, by residence.
    Vfr,
    /// Tourists (overnight) at frontiers, by nationality.
    Tfn,
    /// Tourists at frontiers, by residence.
    Tfr,
    /// Tourists in hotels and similar establishments, by nationality.
    Thsn,
    /// Tourists in hotels and similar establishments, by residence.
    Thsr,
    /// Tourists in all collective accommodation establishments, by nationality.
    Tcen,
    /// Tourists in all collective accommodation establishments, by residence.
    Tcer,
}

impl Series {
    /// Every series, most preferred first.
    ///
    /// # Examples
    /// ```
    /// use linkage::sources::arrivals::Series;
    /// assert_eq!(Series::PRECEDENCE[0], Series::Vfn);
    /// assert_eq!(Series::PRECEDENCE[7], Series::Tcer);
    /// ```
    pub const PRECEDENCE: [Series; 8] = [
        Series::Vfn,
        Series::Vfr,
        Series::Tfn,
        Series::Tfr,
        Series::Thsn,
        Series::Thsr,
        Series::Tcen,
        Series::Tcer,
    ];

    /// The UNWTO code, e.g. `"TFN"`.
    ///
    /// # Examples
    /// ```
    /// use linkage::sources::arrivals::Series;
    /// assert_eq!(Series::Thsr.code(), "THSR");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Series::Vfn => "VFN",
            Series::Vfr => "VFR",
            Series::Tfn => "TFN",
            Series::Tfr => "TFR",
            Series::Thsn => "THSN",
            Series::Thsr => "THSR",
            Series::Tcen => "TCEN",
            Series::Tcer => "TCER",
        }
    }

    /// The series of a UNWTO code (exact, upper case).
    ///
    /// # Examples
    /// ```
    /// use linkage::sources::arrivals::Series;
    /// assert_eq!(Series::parse("VFR"), Some(Series::Vfr));
    /// assert_eq!(Series::parse("vfr"), None);
    /// ```
    pub fn parse(code: &str) -> Option<Series> {
        Series::PRECEDENCE.into_iter().find(|s| s.code() == code)
    }
}
