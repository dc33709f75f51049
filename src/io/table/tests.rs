//! Unit tests of the text-table reader.

use super::*;

#[test]
fn reads_bom_crlf_and_semicolons() {
    let t =
        Table::from_bytes("x.csv", b"\xEF\xBB\xBFa;b\r\n1;\"x\ny\"\r\n2;\r\n".to_vec()).unwrap();
    assert_eq!(t.columns(), vec!["a", "b"]);
    assert_eq!(t.height(), 2);
    let b = t.column("b").unwrap();
    assert_eq!(b.text(0), Some("x\ny"));
    assert_eq!(b.text(1), None);
    assert_eq!(t.column("a").unwrap().int(1).unwrap(), 2);
    // A decimal comma in a semicolon-separated file.
    let t = Table::from_bytes("d.csv", b"a;b\n0,25;x\n".to_vec()).unwrap();
    assert_eq!(t.column("a").unwrap().f64(0).unwrap(), Some(0.25));
}

#[test]
fn chunks_of_any_size_read_as_the_whole_file() {
    let text = "\u{FEFF}a;b\r\n1;\"x\ny;\"\"q\"\"\"\r\n2;\r\n;\r\n3;0,5\n4;\"\"\n5;last\r\n\r\n;\n";
    let path = crate::testutil::temp_file("chunks.csv", text);
    let whole = Table::read(&path).unwrap();
    let rows = |t: &Table| -> Vec<(usize, Option<String>, Option<String>)> {
        let (a, b) = (t.column("a").unwrap(), t.column("b").unwrap());
        (0..t.height())
            .map(|i| {
                (
                    a.row(i),
                    a.text(i).map(String::from),
                    b.text(i).map(String::from),
                )
            })
            .collect()
    };
    let expected = rows(&whole);
    // The row of empty cells counts; the blank line and the empty row at the end do not.
    assert_eq!(expected.len(), 6);
    for step in 1..=text.len() + 1 {
        let mut got = Vec::new();
        Table::for_each_chunk(&path, step, |t| {
            got.extend(rows(t));
            Ok(())
        })
        .unwrap();
        assert_eq!(got, expected, "chunks of {step} bytes");
    }
    for (name, text) in [("e.csv", ""), ("h.csv", "a,b\n"), ("w.csv", " \n\n")] {
        let path = crate::testutil::temp_file(name, text);
        assert!(matches!(
            Table::for_each_chunk(&path, 2, |_| Ok(())),
            Err(Error::Empty { .. })
        ));
    }
}

#[test]
fn malformed_lines_name_their_row_at_any_chunk_size() {
    let cases: [(&str, &str, &[&str]); 5] = [
        (
            "long.csv",
            "a,b,c\n1,2,3\n4,5,6,7\n",
            &["row 2", "4 fields, the header 3"],
        ),
        (
            "short.csv",
            "a,b,c\n1,2,3\n4,5\n7,8,9\n",
            &["row 2", "cut short (before `c`)"],
        ),
        (
            "blank.csv",
            "a,b\n1,2\n\r\n3,4\n\n",
            &["row 2", "blank lines are allowed only at the end"],
        ),
        (
            "quote.csv",
            "a,b\n1,2\n3,\"x\n5,6\n",
            &["row 2", "never closed"],
        ),
        (
            "latin1.csv",
            "a,b\n1,2\n3,C\u{f4}te\n",
            &["row 2", "not UTF-8"],
        ),
    ];
    for (name, text, needles) in cases {
        let mut bytes = text.as_bytes().to_vec();
        if name == "latin1.csv" {
            // ô in Latin-1: one byte 0xF4, not UTF-8.
            let at = bytes.windows(2).position(|w| w == [0xC3, 0xB4]).unwrap();
            bytes.splice(at..at + 2, [0xF4]);
        }
        let path = crate::testutil::temp_file(name, "");
        std::fs::write(&path, &bytes).unwrap();
        for step in 1..=bytes.len() + 1 {
            let e = Table::for_each_chunk(&path, step, |_| Ok(())).unwrap_err();
            let msg = e.to_string();
            for n in needles {
                assert!(msg.contains(n), "{name}, chunks of {step}: {msg}");
            }
        }
    }
    // Not strict outside panel files: a short line has its last cells missing.
    let t = Table::from_bytes("s.csv", b"a,b,c\n1,2\n".to_vec()).unwrap();
    assert_eq!(t.column("c").unwrap().text(0), None);
    // Binary formats are named, whatever the extension.
    for (head, what) in [
        (&b"\x1f\x8b\x08\x00"[..], "gzip"),
        (b"PK\x03\x04\x14\x00", "Excel workbook (.xlsx)"),
        (b"PAR1\x15\x04", "a Parquet file"),
    ] {
        let e = Table::from_bytes("f.csv", head.to_vec()).unwrap_err();
        assert!(e.to_string().contains(what), "{e}");
        let path = crate::testutil::temp_file("binary.csv", "");
        std::fs::write(&path, head).unwrap();
        let e = Table::for_each_chunk(&path, 1, |_| Ok(())).unwrap_err();
        assert!(e.to_string().contains(what), "{e}");
    }
}

#[test]
fn empty_and_header_only_are_errors() {
    assert!(matches!(
        Table::from_bytes("e.csv", vec![]),
        Err(Error::Empty { .. })
    ));
    assert!(matches!(
        Table::from_bytes("h.csv", b"a,b\n".to_vec()),
        Err(Error::Empty { .. })
    ));
}

#[test]
fn cell_errors_name_row_and_field() {
    let t = Table::from_bytes("p.csv", b"year,value\n2000,1\n20x1,inf\n".to_vec()).unwrap();
    let e = t.column("year").unwrap().year(1, 1900, 2100).unwrap_err();
    assert_eq!(
        e.to_string(),
        "p.csv: row 2, field `year`: cannot read \"20x1\" as an integer year"
    );
    let e = t.column("value").unwrap().f64(1).unwrap_err();
    assert!(matches!(e, Error::NonFinite { ref at, .. } if at.row == Some(2)));
    let e = t.column("nope").unwrap_err();
    assert!(e.to_string().contains("required column `nope` is missing"));
}
