//! Name normalisation: how agencies' names compare across spellings.

// ---------------------------------------------------------------------------
// Name normalisation

/// The Vietnamese vowels, one row per vowel, by tone: none, huyền (grave),
/// sắc (acute), hỏi (hook), ngã (tilde), nặng (dot below).
const VOWELS: [[char; 6]; 12] = [
    ['a', 'à', 'á', 'ả', 'ã', 'ạ'],
    ['ă', 'ằ', 'ắ', 'ẳ', 'ẵ', 'ặ'],
    ['â', 'ầ', 'ấ', 'ẩ', 'ẫ', 'ậ'],
    ['e', 'è', 'é', 'ẻ', 'ẽ', 'ẹ'],
    ['ê', 'ề', 'ế', 'ể', 'ễ', 'ệ'],
    ['i', 'ì', 'í', 'ỉ', 'ĩ', 'ị'],
    ['o', 'ò', 'ó', 'ỏ', 'õ', 'ọ'],
    ['ô', 'ồ', 'ố', 'ổ', 'ỗ', 'ộ'],
    ['ơ', 'ờ', 'ớ', 'ở', 'ỡ', 'ợ'],
    ['u', 'ù', 'ú', 'ủ', 'ũ', 'ụ'],
    ['ư', 'ừ', 'ứ', 'ử', 'ữ', 'ự'],
    ['y', 'ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ'],
];

const ROW_A: usize = 0;
const ROW_E: usize = 3;
const ROW_O: usize = 6;
const ROW_U: usize = 9;
const ROW_Y: usize = 11;

/// The row and tone of a lowercase Vietnamese vowel.
fn vowel(c: char) -> Option<(usize, usize)> {
    VOWELS
        .iter()
        .enumerate()
        .find_map(|(row, tones)| tones.iter().position(|&t| t == c).map(|tone| (row, tone)))
}

fn vowel_char(row: usize, tone: usize) -> Option<char> {
    VOWELS.get(row).and_then(|tones| tones.get(tone)).copied()
}

/// Puts the tone of a lowercase syllable where the older ("traditional")
/// convention puts it, the one most official names use: in an open syllable
/// whose vowels are `oa`, `oe` or `uy` (not after `q`), on the first vowel
/// (`hòa`, `khỏe`, `thủy`, `ủy`); after `q`, on the `y` (`quý`). Every other
/// syllable is left alone, since both conventions agree on it.
fn place_tone(syllable: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    // Only a syllable that ends in `oa`, `oe` or `uy` can change: the rest
    // are returned as they are, without looking further.
    let mut last = syllable.chars().rev();
    let (Some(c1), Some(c0)) = (last.next(), last.next()) else {
        return Cow::Borrowed(syllable);
    };
    let ends_in_pair = match (vowel(c1), vowel(c0)) {
        (Some((r1, _)), Some((r0, _))) => {
            matches!((r0, r1), (ROW_O, ROW_A) | (ROW_O, ROW_E) | (ROW_U, ROW_Y))
        }
        _ => false,
    };
    if !ends_in_pair {
        return Cow::Borrowed(syllable);
    }
    Cow::Owned(place_tone_in_pair(syllable))
}

/// [`place_tone`] for a syllable that ends in a vowel pair.
fn place_tone_in_pair(syllable: &str) -> String {
    let mut chars: Vec<char> = syllable.chars().collect();
    let Some(start) = chars.iter().position(|&c| vowel(c).is_some()) else {
        return syllable.to_owned();
    };
    let end = chars
        .iter()
        .skip(start)
        .position(|&c| vowel(c).is_none())
        .map_or(chars.len(), |n| start + n);
    if end != chars.len() || end - start != 2 {
        return syllable.to_owned();
    }
    let (Some(&c0), Some(&c1)) = (chars.get(start), chars.get(start + 1)) else {
        return syllable.to_owned();
    };
    let (Some((r0, t0)), Some((r1, t1))) = (vowel(c0), vowel(c1)) else {
        return syllable.to_owned();
    };
    let pair = matches!((r0, r1), (ROW_O, ROW_A) | (ROW_O, ROW_E) | (ROW_U, ROW_Y));
    if !pair || (t0 != 0 && t1 != 0) {
        return syllable.to_owned();
    }
    let tone = t0.max(t1);
    let after_q = start > 0 && chars.get(start - 1) == Some(&'q');
    let (tone0, tone1) = if after_q { (0, tone) } else { (tone, 0) };
    if let (Some(n0), Some(n1)) = (vowel_char(r0, tone0), vowel_char(r1, tone1)) {
        if let Some(slot) = chars.get_mut(start) {
            *slot = n0;
        }
        if let Some(slot) = chars.get_mut(start + 1) {
            *slot = n1;
        }
    }
    chars.into_iter().collect()
}

/// Abbreviations of agency names in the plans, each as its parts and its
/// expansion. The parts may be written together (`KHĐT`), apart (`KH ĐT`,
/// `KH-ĐT`) or with `và`/`&` before a later part (`KH&ĐT`, `KH và ĐT`),
/// and `d` may stand for `đ`. Longer entries come before their own prefixes.
const ABBREVIATIONS: &[(&[&str], &str)] = &[
    (&["ubmttq", "vn"], "ủy ban mặt trận tổ quốc việt nam"),
    (&["ubmttq"], "ủy ban mặt trận tổ quốc"),
    (&["mttq", "vn"], "mặt trận tổ quốc việt nam"),
    (&["mttq"], "mặt trận tổ quốc"),
    (&["ubnd"], "ủy ban nhân dân"),
    (&["hđnd"], "hội đồng nhân dân"),
    (&["kh", "đt"], "kế hoạch và đầu tư"),
    (&["kh", "cn"], "khoa học và công nghệ"),
    (&["nn", "ptnt"], "nông nghiệp và phát triển nông thôn"),
    (&["nn", "mt"], "nông nghiệp và môi trường"),
    (&["tn", "mt"], "tài nguyên và môi trường"),
    (&["ptnt"], "phát triển nông thôn"),
    (&["lđ", "tb", "xh"], "lao động thương binh và xã hội"),
    (&["lđ", "lđ"], "liên đoàn lao động"),
    (&["tt", "tt"], "thông tin và truyền thông"),
    (&["gd", "đt"], "giáo dục và đào tạo"),
    (&["vh", "tt", "dl"], "văn hóa thể thao và du lịch"),
    (&["gt", "vt"], "giao thông vận tải"),
    (&["lm", "htx"], "liên minh hợp tác xã"),
    (&["htx"], "hợp tác xã"),
    (&["nh", "csxh"], "ngân hàng chính sách xã hội"),
    (&["nhnn"], "ngân hàng nhà nước"),
    (&["lhpn"], "liên hiệp phụ nữ"),
    (&["pt", "th"], "phát thanh truyền hình"),
    (&["ntm"], "nông thôn mới"),
    (&["vp"], "văn phòng"),
    (&["tp"], "thành phố"),
    (&["tx"], "thị xã"),
];

/// How many of `tokens` the abbreviation `parts` covers at their start, if it
/// covers them: each token is one or more parts run together, and `và` may
/// stand before a later part.
fn match_parts(tokens: &[&str], parts: &[&str]) -> Option<usize> {
    fn go(tokens: &[&str], parts: &[&str], used: usize) -> Option<usize> {
        if parts.is_empty() {
            return Some(used);
        }
        let (token, rest) = tokens.split_first()?;
        if used > 0 && *token == "và" {
            if let Some(n) = go(rest, parts, used + 1) {
                return Some(n);
            }
        }
        for take in 1..=parts.len() {
            let (head, tail) = parts.split_at(take);
            if equals_folded_concat(token, head) {
                if let Some(n) = go(rest, tail, used + 1) {
                    return Some(n);
                }
            }
        }
        None
    }
    go(tokens, parts, 0)
}

/// `đ` read as `d`, as abbreviations are written both ways.
fn fold_d(c: char) -> char {
    if c == 'đ' {
        'd'
    } else {
        c
    }
}

/// Whether `token` equals `parts` run together, with `đ` read as `d` on
/// both sides; compares characters without building strings.
fn equals_folded_concat(token: &str, parts: &[&str]) -> bool {
    let fold = fold_d;
    let mut expected = parts.iter().flat_map(|p| p.chars()).map(fold);
    let mut actual = token.chars().map(fold);
    loop {
        match (actual.next(), expected.next()) {
            (None, None) => return true,
            (Some(a), Some(e)) if a == e => {}
            _ => return false,
        }
    }
}

/// Normalises the name of an agency for comparison, so that the ways the plans
/// write one name give one string.
///
/// Steps: compose letters written with combining marks (NFC, see
/// [`text::nfc`](crate::text::nfc)) and lowercase (Unicode); turn `&` into `và` and every other character that is neither a
/// letter nor a digit into a space (so `-`, `,`, `.` and `–` go); expand the
/// abbreviations the plans use (`UBND`, `HĐND`, `UBMTTQVN`, `MTTQ`, `KH&ĐT`,
/// `KH&CN`, `NN&PTNT`, `PTNT`, `NN&MT`, `TN&MT`, `LĐTB&XH`, `LĐLĐ`, `TT&TT`,
/// `GD&ĐT`, `VH,TT&DL`, `GTVT`, `LMHTX`, `HTX`, `NHCSXH`, `NHNN`, `LHPN`,
/// `PT-TH`, `NTM`, `VP`, `TP`, `TX`, written together, apart or with `&`/`và`,
/// with `d` for `đ` or not); put the tone of open `oa`, `oe`, `uy` syllables on
/// the first vowel, as most official names do (`hoà` → `hòa`, `uỷ` → `ủy`,
/// `khoẻ` → `khỏe`, `thuỷ` → `thủy`, but `quý` stays); and join the words with
/// single spaces.
///
/// The result is meant for comparison, not for display.
///
/// ```
/// use hoptac::agency::normalize_agency_name;
/// let full = normalize_agency_name("Sở Nông nghiệp và Phát triển nông thôn");
/// assert_eq!(full, "sở nông nghiệp và phát triển nông thôn");
/// assert_eq!(normalize_agency_name("Sở NN&PTNT"), full);
/// assert_eq!(normalize_agency_name("Sở NN và PTNT"), full);
/// assert_eq!(normalize_agency_name("Sở Nông nghiệp và PTNT"), full);
/// assert_eq!(normalize_agency_name(" Uỷ ban  nhân dân tỉnh. "), "ủy ban nhân dân tỉnh");
/// assert_eq!(normalize_agency_name("UBND tỉnh"), "ủy ban nhân dân tỉnh");
/// ```
pub fn normalize_agency_name(name: &str) -> String {
    let folded = crate::text::lowercase_nfc(name);
    let mut spaced = String::with_capacity(folded.len() + 8);
    for c in folded.chars() {
        if c == '&' {
            spaced.push_str(" và ");
        } else if c.is_alphanumeric() {
            spaced.push(c);
        } else {
            spaced.push(' ');
        }
    }
    let tokens: Vec<&str> = spaced.split_whitespace().collect();
    let mut out = String::with_capacity(spaced.len() + 16);
    let mut push_word = |word: &str| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&place_tone(word));
    };
    let mut i = 0;
    while let Some(rest) = tokens.get(i..).filter(|r| !r.is_empty()) {
        // An abbreviation can only match a token that starts with its first
        // letter: most words are skipped without trying any.
        let first = rest.first().and_then(|t| t.chars().next()).map(fold_d);
        let expanded = ABBREVIATIONS
            .iter()
            .filter(|(parts, _)| parts.first().and_then(|p| p.chars().next()).map(fold_d) == first)
            .find_map(|(parts, expansion)| match_parts(rest, parts).map(|n| (n, *expansion)));
        match expanded {
            Some((n, expansion)) => {
                expansion.split(' ').for_each(&mut push_word);
                i += n;
            }
            None => {
                if let Some(word) = rest.first() {
                    push_word(word);
                }
                i += 1;
            }
        }
    }
    out
}
