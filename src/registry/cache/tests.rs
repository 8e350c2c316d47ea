//! Unit tests of the binary snapshot cache: the framing, the checksum, and
//! every check of a payload that a checksum cannot catch (a file written by
//! something else, framed correctly).

use super::*;
use crate::org::{Flag, Location};
use crate::Cooperative;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A snapshot with every kind of field: ratings, extensions of both kinds,
/// a dissolution, a record without district, amounts of money (one a
/// negative zero, one with 28 decimals), flags, unknown and known counts.
fn sample() -> Snapshot {
    let mut a = Cooperative::new(
        OrgId::new("htx-1").unwrap(),
        "HTX Nông nghiệp Hưng Lợi",
        OrgKind::Cooperative,
        Sector::Agriculture,
        Location::new("Nghệ An", "Hưng Lợi").with_district("Hưng Nguyên"),
        d(2015, 3, 2),
    )
    .with_members(120)
    .with_rating(2024, Rating::Fair)
    .with_rating(2025, Rating::Good)
    .with_flag(Flag::ValueChain)
    .with_revenue_vnd("1500000000.5".parse().unwrap());
    a.extensions.insert(
        "dien_tich_ha".into(),
        ExtValue::Number("12.25".parse().unwrap()),
    );
    a.extensions.insert("ocop".into(), ExtValue::Bool(true));
    let mut b = Cooperative::new(
        OrgId::new("tht-2").unwrap(),
        "THT Rau sạch",
        OrgKind::CooperativeGroup,
        Sector::Trade,
        Location::new("Nghệ An", "Vinh"),
        d(2020, 1, 1),
    )
    .with_members(0)
    .with_avg_income_vnd(Decimal::from_parts(1, 0, 0, true, 28));
    b.dissolved = Some(d(2024, 6, 30));
    b.status = OrgStatus::Dissolved;
    let mut neg_zero = Decimal::ZERO;
    neg_zero.set_sign_negative(true);
    b = b.with_revenue_vnd(neg_zero);
    b.extensions.insert("ocop".into(), ExtValue::Bool(false));
    let c = Cooperative::new(
        OrgId::new("Liên hiệp 3").unwrap(),
        "Liên hiệp HTX",
        OrgKind::CooperativeUnion,
        Sector::Other,
        Location::new("Nghệ An", "Hưng Lợi").with_district("Hưng Nguyên"),
        d(2010, 12, 31),
    );
    Snapshot::from_cooperatives(d(2025, 12, 31), [a, b, c]).unwrap()
}

/// A payload framed as a file, with a correct checksum.
fn framed(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&LAYOUT_VERSION.to_le_bytes());
    out.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
    out.extend_from_slice(bytes);
    out.extend_from_slice(&checksum(bytes).to_le_bytes());
    out
}

/// The error of the sample's payload after `change`.
fn refused(change: impl FnOnce(&mut WireSnapshot<'_>)) -> String {
    let snap = sample();
    let mut wire = WireSnapshot::of(&snap, None);
    change(&mut wire);
    let mut payload = 1u64.to_le_bytes().to_vec();
    wire.encode(&mut payload).unwrap();
    let file = framed(&payload);
    let error = match read(&file) {
        Ok(_) => "accepted".to_owned(),
        Err(e) => e.to_string(),
    };
    // A file read as a stream is refused for the same reason.
    let streamed = match read_from(Trickle::new(&file)) {
        Ok(_) => "accepted".to_owned(),
        Err(e) => e.to_string(),
    };
    assert_eq!(streamed, error);
    error
}

/// A reader that gives a few bytes at a time, a different number each
/// time (1 to 997), as a pipe or a socket might.
struct Trickle<'a> {
    bytes: &'a [u8],
    step: usize,
}

impl<'a> Trickle<'a> {
    fn new(bytes: &'a [u8]) -> Trickle<'a> {
        Trickle { bytes, step: 0 }
    }
}

impl std::io::Read for Trickle<'_> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        self.step = (self.step * 31 + 17) % 997;
        let n = out.len().min(self.bytes.len()).min(self.step + 1);
        out[..n].copy_from_slice(&self.bytes[..n]);
        self.bytes = &self.bytes[n..];
        Ok(n)
    }
}

/// The error of reading these bytes, as bytes and as a stream (a whole
/// file, a trickle of it): the same.
fn same_error(bytes: &[u8]) -> Option<CacheError> {
    let error = read(bytes).err();
    assert_eq!(read_from(bytes).err(), error);
    assert_eq!(read_from(Trickle::new(bytes)).err(), error);
    error
}

#[test]
fn the_streamed_checksum_is_the_checksum() {
    let bytes: Vec<u8> = (0..300u32).map(|i| (i * 7 + i / 5) as u8).collect();
    for len in 0..bytes.len() {
        let all = &bytes[..len];
        for cut in [0, 1, 7, 31, 32, 33, 64, 100] {
            let mut sum = Sum::new();
            let (a, b) = all.split_at(cut.min(len));
            let (b, c) = b.split_at(b.len() / 3);
            for piece in [a, b, c] {
                sum.update(piece);
            }
            assert_eq!(sum.finish(), checksum(all), "{len} bytes cut at {cut}");
        }
    }
}

#[test]
fn a_stream_reads_what_its_bytes_hold() {
    // Enough organisations for the ids on a second thread, and names that
    // fill more than a chunk, with characters cut by the chunks' ends.
    let snap = crate::generate::snapshot(&crate::generate::GeneratorConfig::nghe_an(
        20_000,
        9,
        d(2025, 12, 31),
    ));
    assert!(snap.names.text.len() > 2 * CHUNK);
    let file = snap.to_binary();
    let back = Snapshot::read_binary(Trickle::new(&file)).unwrap();
    assert_eq!(back, snap);
    assert_eq!(back.fingerprint(), snap.fingerprint());
    assert_eq!(back.position("na-012345"), snap.position("na-012345"));
    let columns: BTreeSet<String> = ["id", "name"].map(String::from).into();
    let mut two = Vec::new();
    write(&mut two, [(&sample(), Some(&columns)), (&snap, None)]).unwrap();
    let streamed = read_from(&two[..]).unwrap();
    assert_eq!(streamed, read(&two).unwrap());
    assert_eq!(streamed[0].columns.as_ref(), Some(&columns));
}

#[test]
fn a_stream_gives_the_errors_its_bytes_give() {
    let file = sample().to_binary();
    // Cut anywhere, with bytes after it, damaged anywhere.
    for len in 0..file.len() {
        assert!(same_error(&file[..len]).is_some(), "cut at {len}");
    }
    let mut longer = file.clone();
    longer.extend_from_slice(b"more");
    assert!(matches!(
        same_error(&longer),
        Some(CacheError::Length { actual, .. }) if actual == file.len() as u64 - 24
    ));
    for at in (0..file.len()).step_by(3) {
        let mut bad = file.clone();
        bad[at] ^= 0x24;
        assert!(same_error(&bad).is_some(), "byte {at} changed");
    }
    // Names that are not UTF-8, with a correct checksum.
    let text = sample().names.text.clone();
    let at = text.find('ô').unwrap();
    let bad = reframed(&file, |p| {
        let from = p
            .windows(text.len())
            .position(|w| w == text.as_bytes())
            .unwrap();
        p[from + at + 1] = b'x';
    });
    assert_eq!(
        same_error(&bad).unwrap().to_string(),
        format!(
            "snapshot 0, names: found bytes that are not UTF-8 at byte {at}, expected UTF-8 text"
        )
    );
    assert_eq!(same_error(&file), None);
}

#[test]
fn round_trip_keeps_every_field_bit_for_bit() {
    let snap = sample();
    let back = Snapshot::read_binary(&snap.to_binary()[..]).unwrap();
    assert_eq!(back, snap);
    assert_eq!(back.fingerprint(), snap.fingerprint());
    assert_eq!(back.rows, snap.rows, "rows, with rating_now, identical");
    assert_eq!(back.ratings, snap.ratings);
    assert_eq!(back.exts, snap.exts);
    for i in 0..snap.len() {
        let id = snap.id_at(i).unwrap();
        assert_eq!(back.position(id), Some(i));
        for slot in 0..crate::org::N_MONEY {
            assert_eq!(
                back.amounts.get(i, slot).map(|d| d.serialize()),
                snap.amounts.get(i, slot).map(|d| d.serialize()),
                "exact bytes, sign of zero too"
            );
        }
    }
    assert_eq!(
        back.places.lookup("Hưng Nguyên"),
        snap.places.lookup("Hưng Nguyên")
    );
    assert_eq!(back.ext_names.lookup("ocop"), snap.ext_names.lookup("ocop"));
}

#[test]
fn columns_are_kept() {
    let snap = sample();
    let columns: BTreeSet<String> = ["id", "name", "rating"].map(String::from).into();
    let mut file = Vec::new();
    write(
        &mut file,
        [
            (&snap, Some(&columns)),
            (&Snapshot::new(d(2024, 12, 31)), None),
        ],
    )
    .unwrap();
    let back = read(&file).unwrap();
    assert_eq!(back.len(), 2);
    assert_eq!(back[0].columns, Some(columns));
    assert_eq!(back[1].columns, None);
    assert_eq!(
        Snapshot::read_binary(&file[..]).unwrap_err().to_string(),
        "the file holds 2 snapshots, expected 1: read it with `Registry::read_binary`"
    );
    let reg = Registry::read_binary(&file[..]).unwrap();
    let dates: Vec<NaiveDate> = reg.iter().map(Snapshot::date).collect();
    assert_eq!(dates, [d(2024, 12, 31), d(2025, 12, 31)]);
}

#[test]
fn two_snapshots_of_one_date_are_refused() {
    let snap = sample();
    let mut file = Vec::new();
    write(&mut file, [(&snap, None), (&snap, None)]).unwrap();
    assert_eq!(
        Registry::read_binary(&file[..]).unwrap_err().to_string(),
        "snapshot 1, date: found 2025-12-31, expected a date no other snapshot of the file has"
    );
}

#[test]
fn framing_errors() {
    let file = sample().to_binary();
    let mut newer = file.clone();
    newer[8] = 2;
    assert_eq!(
        read(&newer).unwrap_err().to_string(),
        "format version 2 of the snapshot file is not read by this build, which reads version 1: the file was written by a newer hoptac"
    );
    let mut layout = file.clone();
    layout[10..12].copy_from_slice(&0u16.to_le_bytes());
    assert!(read(&layout)
        .unwrap_err()
        .to_string()
        .starts_with("layout version 0 of the snapshot file is not read by this build, which reads version 2: the file was written by an older hoptac"));
    assert!(read(&layout)
        .unwrap_err()
        .text(Lang::Vi)
        .starts_with("phiên bản bố cục 0"));
    // A file of layout 1 (hoptac 0.1): refused, saying to write it again.
    let mut old = file.clone();
    old[10..12].copy_from_slice(&1u16.to_le_bytes());
    let err = read(&old).unwrap_err();
    assert_eq!(
        err.to_string(),
        "layout version 1 of the snapshot file is not read by this build, which reads version 2: the file was written by an older hoptac; write it again from its source (`plan_check --write-snapshot`, `Snapshot::write_binary`)"
    );
    assert_eq!(
        err.text(Lang::Vi),
        "phiên bản bố cục 1 của tệp số liệu không đọc được bằng bản này, bản này đọc phiên bản 2: tệp do một phiên bản hoptac cũ hơn ghi; hãy ghi lại tệp từ nguồn của nó (`plan_check --write-snapshot`, `Snapshot::write_binary`)"
    );
    let mut longer = file.clone();
    longer.push(0);
    assert!(matches!(read(&longer), Err(CacheError::Length { .. })));
    assert!(matches!(
        read(&file[..file.len() - 1]),
        Err(CacheError::Length { .. })
    ));
    assert!(matches!(
        read(&file[..5]),
        Err(CacheError::TooShort { len: 5, min: 28 })
    ));
    assert!(matches!(read(b"PK\x03\x04"), Err(CacheError::Magic { .. })));
    assert!(matches!(read(b""), Err(CacheError::TooShort { .. })));
}

#[test]
fn every_flipped_bit_is_caught() {
    let file = sample().to_binary();
    for i in 0..file.len() {
        for bit in 0..8 {
            let mut bad = file.clone();
            bad[i] ^= 1 << bit;
            assert!(read(&bad).is_err(), "byte {i} bit {bit}");
        }
    }
}

#[test]
fn checksum_sees_every_word_and_the_length() {
    let base: Vec<u8> = (0..=200u8).collect();
    let h = checksum(&base);
    for i in 0..base.len() {
        let mut b = base.clone();
        b[i] = b[i].wrapping_add(1);
        assert_ne!(checksum(&b), h, "byte {i}");
    }
    assert_ne!(checksum(&base[..200]), h);
    assert_ne!(checksum(&[0; 32]), checksum(&[0; 33]));
    assert_ne!(checksum(&[]), checksum(&[0]));
    // The same bytes, the same sum, on every machine.
    assert_eq!(checksum(b"hoptac"), checksum(b"hoptac"));
}

/// A change of a payload.
type Change = Box<dyn FnOnce(&mut WireSnapshot<'_>)>;

#[test]
fn references_out_of_range_are_refused() {
    let cases: Vec<(&str, Change, &str)> = vec![
        (
            "province",
            Box::new(|w| w.locations[1][0] = 99),
            "snapshot 0, locations[1], province: found 99, expected a place index below 4",
        ),
        (
            "district",
            Box::new(|w| w.locations[1][1] = 4),
            "snapshot 0, locations[1], district: found 4, expected a place index below 4",
        ),
        (
            "commune",
            Box::new(|w| w.locations[0][2] = u32::MAX),
            "snapshot 0, locations[0], commune: found 4294967295, expected a place index below 4",
        ),
        (
            "location twice",
            Box::new(|w| w.locations[1] = w.locations[0]),
            "snapshot 0, locations[1]: found Place { province: 0, district: 1, commune: 2 }, the same as locations[0], expected each location once",
        ),
        (
            "location index",
            Box::new(|w| w.location[2] = 2),
            "snapshot 0, organisation 2 `Liên hiệp 3`, location: found 2, expected a location index below 2",
        ),
        (
            "ratings past the end",
            Box::new(|w| w.rating_lens[2] = 1),
            "snapshot 0, organisation 2 `Liên hiệp 3`, ratings: found 1 ratings from 2, expected a range within the 2 ratings",
        ),
        (
            "ratings left over",
            Box::new(|w| w.rating_lens[0] = 1),
            "snapshot 0, column `rating_years`: found 2 entries, expected 1, as many as the organisations have",
        ),
        (
            "rating code",
            Box::new(|w| w.rating_values[0] = 9),
            "snapshot 0, rating_values[0]: found 9, expected a rating code below 4",
        ),
        (
            "rating year",
            Box::new(|w| w.rating_years[1] = 1899),
            "snapshot 0, rating_years[1]: found 1899, expected a year in 1900..=2200",
        ),
        (
            "rating years twice",
            Box::new(|w| w.rating_years[1] = 2024),
            "snapshot 0, organisation 0 `htx-1`, ratings: found years [2024, 2024], expected distinct years in increasing order",
        ),
        (
            "extension name",
            Box::new(|w| w.ext_name_ids[0] = 2),
            "snapshot 0, ext_name_ids[0]: found 2, expected an extension name index below 2",
        ),
        (
            "extension twice",
            Box::new(|w| w.ext_name_ids[1] = 0),
            "snapshot 0, organisation 0 `htx-1`, extensions: found one name twice, expected each extension name at most once",
        ),
        (
            "extensions past the end",
            Box::new(|w| w.ext_lens[2] = 3),
            "snapshot 0, organisation 2 `Liên hiệp 3`, extensions: found 3 values from 3, expected a range within the 3 extension values",
        ),
        (
            "kind",
            Box::new(|w| w.kind[0] = 3),
            "snapshot 0, organisation 0 `htx-1`, kind: found 3, expected a code below 3",
        ),
        (
            "flags",
            Box::new(|w| w.flags[0] = 0x80),
            "snapshot 0, organisation 0 `htx-1`, flags: found 0b10000000, expected only the bits of 5 flags",
        ),
        (
            "money bits",
            Box::new(|w| w.money[2] = 0x80),
            "snapshot 0, organisation 2 `Liên hiệp 3`, money: found 0b10000000, expected only the bits of 2 money fields",
        ),
        (
            "amounts missing",
            Box::new(|w| {
                w.amounts.pop();
            }),
            "snapshot 0, column `amounts`: found 2 entries, expected one per bit set in `money`",
        ),
        (
            "decimal scale",
            Box::new(|w| w.amounts[0][2] = 29),
            "snapshot 0, organisation 0 `htx-1`, revenue_vnd: found flags 0x001d0000, mantissa 15000000005, expected a decimal (scale at most 28)",
        ),
        (
            "decimal flags",
            Box::new(|w| w.ext_values[0][1] = 1),
            "snapshot 0, ext_values[0]: found flags 0x00020001, mantissa 1225, expected a decimal (scale at most 28)",
        ),
        (
            "extension tag",
            Box::new(|w| w.ext_values[1][0] = 7),
            "snapshot 0, ext_values[1]: found tag 7 with [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], expected 0 (false) or 1 (true) followed by 16 zero bytes, or 2 and a decimal",
        ),
        (
            "boolean with bytes",
            Box::new(|w| w.ext_values[1][16] = 1),
            "snapshot 0, ext_values[1]: found tag 1 with [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], expected 0 (false) or 1 (true) followed by 16 zero bytes",
        ),
        (
            "dissolved",
            Box::new(|w| w.dissolved[1] = NaiveDate::MAX.num_days_from_ce() + 1),
            "snapshot 0, organisation 1 `tht-2`, dissolved: found 95745400, expected a day number of a date",
        ),
        (
            "date",
            Box::new(|w| w.established[0] = i32::MAX),
            "snapshot 0, organisation 0 `htx-1`, established: found 2147483647, expected a day number of a date",
        ),
        (
            "snapshot date",
            Box::new(|w| w.date = i32::MIN),
            "snapshot 0, date: found -2147483648, expected a day number of a date",
        ),
        (
            "column length",
            Box::new(|w| {
                w.location.pop();
            }),
            "snapshot 0, column `location`: found 8 bytes, expected 3 × 4, 4 for each organisation",
        ),
        (
            "count column length",
            Box::new(|w| {
                w.counts[1].to_mut().push(0);
            }),
            "snapshot 0, column `counts[1]`: found 16 bytes, expected 3 × 4, 4 for each organisation",
        ),
        (
            "fields of another build",
            Box::new(|w| w.money_fields.reverse()),
            "snapshot 0, money_fields: found [\"avg_income_vnd\", \"revenue_vnd\"], expected [\"revenue_vnd\", \"avg_income_vnd\"], the fields of this build",
        ),
        (
            "place twice",
            Box::new(|w| w.places[3] = "Nghệ An"),
            "snapshot 0, places[3]: found `Nghệ An` a second time, expected each place name once",
        ),
        (
            "id lengths",
            Box::new(|w| w.id_ends.to_mut()[2] += 1),
            "snapshot 0, ids[2]: found a text ending at byte 25, expected one ending at or after byte 10, where the one before ends, within the 24 bytes, between two characters",
        ),
        (
            "id ends backwards",
            Box::new(|w| w.id_ends.to_mut()[1] = 4),
            "snapshot 0, ids[1]: found a text ending at byte 4, expected one ending at or after byte 5,",
        ),
        (
            "id ends short of the text",
            Box::new(|w| w.id_ends.to_mut()[2] = 23),
            "snapshot 0, ids: found texts of 23 bytes in all, expected 24, the length of the buffer",
        ),
        (
            "names not UTF-8",
            Box::new(|w| w.names.to_mut()[5] = 0xff),
            "snapshot 0, names: found bytes that are not UTF-8 at byte 5, expected UTF-8 text",
        ),
        (
            "organisations beyond the columns",
            Box::new(|w| w.id_ends.to_mut().push(24)),
            "snapshot 0, column `name_ends`: found 12 bytes, expected 4 × 4, 4 for each organisation",
        ),
        (
            "cut inside a character",
            Box::new(|w| {
                // Two bytes short: inside the three bytes of `ợ`.
                w.name_ends.to_mut()[0] -= 2;
            }),
            "snapshot 0, names[0]: found a text ending at byte 28, expected one ending at or after byte 0, where the one before ends, within the 60 bytes, between two characters",
        ),
        (
            "id not valid",
            Box::new(|w| {
                w.ids = Cow::Borrowed(" htx-1tht-2Liên hiệp 3".as_bytes());
                w.id_ends = Cow::Owned(vec![6, 11, 25]);
            }),
            "snapshot 0, organisation 0, id: found ` htx-1`, expected a valid organisation id (",
        ),
        (
            "duplicate id",
            Box::new(|w| {
                w.ids = Cow::Borrowed("htx-1htx-1Liên hiệp 3".as_bytes());
            }),
            "snapshot 0, organisation 1, id: found `htx-1`, expected an id of its own: organisation 0 has it",
        ),
        (
            "columns twice",
            Box::new(|w| w.columns = Some(vec!["id", "id"])),
            "snapshot 0, columns: found [\"id\", \"id\"], expected each column once",
        ),
    ];
    let mut wrong = Vec::new();
    for (name, change, expected) in cases {
        let err = refused(change);
        if !err.starts_with(expected) {
            wrong.push(format!("{name}: {err}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn vietnamese_messages() {
    let err = CacheError::Invalid {
        snapshot: 0,
        path: "organisation 1 `tht-2`, province".into(),
        found: "99".into(),
        expected: "a place index below 4".into(),
    };
    assert_eq!(
        err.text(Lang::Vi),
        "số liệu thứ 0, organisation 1 `tht-2`, province: gặp 99, cần a place index below 4"
    );
    for err in [
        CacheError::Io {
            message: "x".into(),
        },
        CacheError::TooShort { len: 1, min: 28 },
        CacheError::Magic { found: vec![0] },
        CacheError::Version {
            part: "format",
            found: 2,
            supported: 1,
        },
        CacheError::Length {
            declared: 1,
            actual: 2,
        },
        CacheError::Decode {
            message: "x".into(),
        },
        CacheError::NotOne { found: 2 },
    ] {
        assert_ne!(err.text(Lang::Vi), err.text(Lang::En));
        assert_eq!(err.text(Lang::En), err.to_string());
    }
}

#[test]
fn errors_are_send_sync_static() {
    fn check<T: Send + Sync + 'static + std::error::Error>() {}
    check::<CacheError>();
}

#[test]
fn lying_length_prefixes_do_not_allocate() {
    // A payload claiming 2^60 snapshots, framed with a correct checksum:
    // refused as cut short, not an allocation of that size.
    let payload = (1u64 << 60).to_le_bytes();
    assert_eq!(
        read(&framed(&payload)).unwrap_err().to_string(),
        "the payload cannot be decoded: snapshot 0, header: 8 bytes needed, 0 remain: the payload is cut short"
    );
    // One snapshot whose header claims u64::MAX bytes.
    let mut payload = 1u64.to_le_bytes().to_vec();
    payload.extend_from_slice(&u64::MAX.to_le_bytes());
    assert_eq!(
        read(&framed(&payload)).unwrap_err().to_string(),
        "the payload cannot be decoded: snapshot 0, header: 18446744073709551615 bytes needed, 0 remain: the payload is cut short"
    );
    // A header claiming 2^31 organisations over the sample's columns:
    // refused at the first column, nothing allocated for them.
    let snap = sample();
    let mut wire = WireSnapshot::of(&snap, None);
    wire.id_ends = Cow::Owned(Vec::new());
    let mut payload = 1u64.to_le_bytes().to_vec();
    wire.encode(&mut payload).unwrap();
    let head_len = u64_at(&payload, 8) as usize;
    let (head, _): (WireHead<'_>, _) =
        postcard::take_from_bytes(&payload[16..16 + head_len]).unwrap();
    let mut head = head;
    head.orgs = 1 << 31;
    let head = postcard::to_allocvec(&head).unwrap();
    let mut changed = 1u64.to_le_bytes().to_vec();
    put(&mut changed, &head);
    changed.extend_from_slice(&payload[16 + head_len..]);
    assert_eq!(
        read(&framed(&changed)).unwrap_err().to_string(),
        "snapshot 0, column `id_ends`: found 0 bytes, expected 2147483648 × 4, 4 for each organisation"
    );
}

#[test]
fn generated_snapshots_round_trip() {
    let config = crate::generate::GeneratorConfig::nghe_an(2_000, 11, d(2025, 12, 31));
    let snap = crate::generate::snapshot(&config);
    let back = Snapshot::read_binary(&snap.to_binary()[..]).unwrap();
    assert_eq!(back, snap);
    assert_eq!(back.rows, snap.rows);
}

/// Reframes a file's payload, changed, with a correct checksum.
fn reframed(file: &[u8], change: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
    let mut payload = file[HEADER..file.len() - FOOTER].to_vec();
    change(&mut payload);
    let mut out = file[..HEADER].to_vec();
    out[12..20].copy_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(&payload);
    out.extend_from_slice(&checksum(&payload).to_le_bytes());
    out
}

proptest::proptest! {
    /// A payload changed anywhere but framed with a correct checksum (a
    /// file written by something else): an error or a snapshot, never a
    /// panic; a snapshot that loads gives back every organisation and
    /// evaluates without a panic.
    #[test]
    fn changed_payloads_with_a_good_checksum_never_panic(
        flips in proptest::collection::vec((proptest::prelude::any::<proptest::sample::Index>(), 0u8..=255), 1..6),
        cut in proptest::prelude::any::<proptest::sample::Index>(),
        truncate in proptest::prelude::any::<bool>(),
    ) {
        let file = sample().to_binary();
        let bad = reframed(&file, |p| {
            let len = p.len();
            for (at, v) in &flips {
                p[at.index(len)] = *v;
            }
            if truncate {
                p.truncate(cut.index(len));
            }
        });
        proptest::prop_assert_eq!(read_from(&bad[..]).is_ok(), read(&bad).is_ok());
        if let Ok(all) = read(&bad) {
            let plan = crate::catalog::get("nghe-an-363-2023").unwrap();
            for cached in all {
                let snap = cached.snapshot;
                proptest::prop_assert_eq!(snap.iter().count(), snap.len());
                for i in 0..snap.len() {
                    proptest::prop_assert_eq!(snap.position(snap.id_at(i).unwrap()), Some(i));
                }
                let _ = crate::Tally::of(&plan, &snap);
                let _ = plan.evaluate(&Registry::from(snap), &crate::Inputs::new(d(2025, 12, 31)));
            }
        }
    }
}

#[test]
fn a_loaded_snapshot_takes_more_organisations() {
    let snap = sample();
    let mut back = Snapshot::read_binary(&snap.to_binary()[..]).unwrap();
    let dup = snap.get(0).unwrap();
    assert!(matches!(
        back.push(dup),
        Err(crate::RegistryError::DuplicateId { first: 0, .. })
    ));
    let new = Cooperative::new(
        OrgId::new("htx-9").unwrap(),
        "HTX Mới",
        OrgKind::Cooperative,
        Sector::Trade,
        Location::new("Nghệ An", "Vinh"),
        d(2025, 1, 1),
    );
    back.push(new.clone()).unwrap();
    assert_eq!(back.find("htx-9"), Some(new));
    assert_eq!(
        back.places.len(),
        snap.places.len(),
        "places reused, not added again"
    );
}

#[test]
fn bytes_after_the_last_snapshot_are_refused() {
    let file = sample().to_binary();
    let longer = reframed(&file, |p| p.push(0));
    assert_eq!(
        read(&longer).unwrap_err().to_string(),
        "the payload cannot be decoded: 1 bytes after the last snapshot: expected none"
    );
}

#[test]
fn every_day_number_in_the_range_is_a_date() {
    // The loader checks day numbers by range: exactly the ones chrono
    // takes, no gap at either end.
    let (min, max) = (
        NaiveDate::MIN.num_days_from_ce(),
        NaiveDate::MAX.num_days_from_ce(),
    );
    for d in [min, min + 1, -1, 0, 1, 738_000, max - 1, max] {
        assert!(NaiveDate::from_num_days_from_ce_opt(d).is_some(), "{d}");
    }
    for d in [i32::MIN, min - 1, max + 1, NO_DATE] {
        assert!(NaiveDate::from_num_days_from_ce_opt(d).is_none(), "{d}");
    }
}

proptest::proptest! {
    /// The loader's shortcut for ids (printable ASCII, no space at either
    /// end, 1 to 64 bytes) takes only ids `OrgId::check` takes; with it or
    /// without, a file of these ids loads the same.
    #[test]
    fn the_id_shortcut_agrees_with_the_check(id in "[ -~]{0,70}|.{0,10}") {
        let plain = id.bytes().all(|b| (0x20..0x7f).contains(&b))
            && (1..=OrgId::MAX_LEN).contains(&id.len())
            && !id.starts_with(' ')
            && !id.ends_with(' ');
        if plain {
            proptest::prop_assert!(OrgId::check(&id).is_ok(), "{id:?}");
        }
        let snap = sample();
        let mut wire = WireSnapshot::of(&snap, None);
        let other = ["tht-2", "Liên hiệp 3"];
        let mut text = id.clone();
        let mut ends = vec![id.len() as u32];
        for o in other {
            text.push_str(o);
            ends.push(text.len() as u32);
        }
        wire.ids = Cow::Owned(text.into_bytes());
        wire.id_ends = Cow::Owned(ends);
        let mut payload = 1u64.to_le_bytes().to_vec();
        wire.encode(&mut payload).unwrap();
        let loaded = read(&framed(&payload));
        let valid = OrgId::check(&id).is_ok() && !other.contains(&id.as_str());
        proptest::prop_assert_eq!(loaded.is_ok(), valid, "{:?}", loaded.err());
    }
}

#[test]
fn the_id_index_is_the_one_rows_in_order_give() {
    // Built in bucket order, the index is the map `rebuild_index` builds
    // in row order (same keys, same positions), for sizes around the
    // table's growth steps.
    for n in [0, 1, 7, 8, 9, 57, 1_000, 20_001] {
        let config = crate::generate::GeneratorConfig::nghe_an(n, 5, d(2025, 12, 31));
        let snap = crate::generate::snapshot(&config);
        let back = Snapshot::read_binary(&snap.to_binary()[..]).unwrap();
        let mut again = back.clone();
        assert!(again.rebuild_index().is_empty());
        assert_eq!(back.id_index.rows(), again.id_index.rows(), "{n}");
        assert_eq!(back.id_index.len(), n);
        for i in 0..n {
            assert_eq!(back.position(back.ids.get(i)), Some(i), "{n}");
        }
    }
}

#[test]
fn the_first_duplicate_id_is_reported() {
    // Several duplicates: the lowest position that repeats an earlier id,
    // and the first position with it, whatever order the buckets give.
    let mut wire_ids = String::new();
    let mut ends = Vec::new();
    for id in ["a-1", "b-2", "c-3", "b-2", "a-1", "b-2"] {
        wire_ids.push_str(id);
        ends.push(wire_ids.len() as u32);
    }
    let mut snap = Snapshot::new(d(2025, 12, 31));
    snap.ids = StringArena {
        text: wire_ids,
        ends,
    };
    let ids = snap.ids.clone();
    let err = check_ids(0, &ids, &mut snap).unwrap_err();
    assert!(err.to_string().contains("organisation 3"), "{err}");
    assert!(err.to_string().contains("organisation 1 has it"), "{err}");
    let mut again = snap.clone();
    assert_eq!(again.rebuild_index(), vec![(3, 1), (4, 0), (5, 1)]);
}

#[test]
fn memory_faulted_in_is_bounded_by_the_ids_read() {
    // Per organisation: the rows, hot entries and amounts, the ten columns read
    // whole (7 bytes and 3 of 4), the counts; under 40 times the 4 bytes
    // of its `id_ends` entry, which the file really holds.
    let per_org = std::mem::size_of::<Row>()
        + std::mem::size_of::<Hot>()
        + 8 * crate::org::N_MONEY
        + 7
        + 12
        + 4 * N_COUNTS;
    assert!(per_org < 40 * 4, "{per_org} bytes");
    let Faulted::Columns(bytes, counts) = faulted_columns(5) else {
        panic!("columns")
    };
    assert_eq!(bytes.len(), 10);
    assert_eq!(counts.len(), N_COUNTS);
    assert!(bytes.iter().all(|b| b.is_empty() && b.capacity() >= 5));
    let (rows, hot, amounts) = faulted_in(5);
    assert!(rows.is_empty() && rows.capacity() >= 5 && hot.is_empty() && hot.capacity() >= 5);
    assert_eq!(amounts.len(), 0);
    assert!(amounts.memory_bytes() >= 5 * 8 * crate::org::N_MONEY);
}

#[test]
fn amounts_that_do_not_pack_come_back_exactly_in_any_slot() {
    // One amount too long to pack, before or after one that packs, in one
    // organisation; the column turns wide at the second and keeps the
    // first one's packed amounts exact.
    let huge: Decimal = "79228162514264337593543950335".parse().unwrap();
    let small: Decimal = "1500.250".parse().unwrap();
    let org = |id: &str| {
        Cooperative::new(
            OrgId::new(id).unwrap(),
            "HTX",
            OrgKind::Cooperative,
            Sector::Trade,
            Location::new("Nghệ An", "Vinh"),
            "2020-01-01".parse().unwrap(),
        )
    };
    let orgs = [
        org("a").with_revenue_vnd(small).with_avg_income_vnd(small),
        org("b").with_revenue_vnd(small).with_avg_income_vnd(huge),
        org("c").with_revenue_vnd(-huge).with_avg_income_vnd(small),
        org("d").with_avg_income_vnd(small),
    ];
    let snap = Snapshot::from_cooperatives("2025-12-31".parse().unwrap(), orgs.clone()).unwrap();
    let back = Snapshot::read_binary(&snap.to_binary()[..]).unwrap();
    assert!(back.amounts.same(&snap.amounts));
    for (i, org) in orgs.iter().enumerate() {
        assert_eq!(back.get(i).as_ref(), Some(org), "{i}");
        for slot in 0..crate::org::N_MONEY {
            let (b, s) = (back.amounts.get(i, slot), snap.amounts.get(i, slot));
            assert!(b.is_some(), "{i} {slot}");
            assert_eq!(
                b.map(|d| d.serialize()),
                s.map(|d| d.serialize()),
                "{i} {slot}"
            );
        }
    }
    assert!(back.get(1).unwrap().numbers().money.contains(&Some(huge)));
}
