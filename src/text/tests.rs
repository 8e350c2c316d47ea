use std::borrow::Cow;

use proptest::prelude::*;

use super::*;

/// The vowels of Vietnamese (with their vowel marks) and the five tones.
const VOWELS: &str = "aăâeêioôơuưy";
const TONES: [&str; 6] = ["", "\u{300}", "\u{301}", "\u{309}", "\u{303}", "\u{323}"];

/// Every Vietnamese vowel letter with every tone, lowercase and uppercase,
/// composed, and `đ`, `Đ`.
fn vietnamese_letters() -> Vec<String> {
    let mut out = Vec::new();
    for v in VOWELS.chars() {
        for case in [v.to_string(), v.to_uppercase().collect()] {
            for tone in TONES {
                let letter: String = compose(&decompose(&format!("{case}{tone}")));
                assert_eq!(letter.chars().count(), 1, "{case}{tone}");
                out.push(letter);
            }
        }
    }
    out.push("đ".into());
    out.push("Đ".into());
    out
}

/// Mixed strings and their NFC, generated with Python's `unicodedata`
/// (Unicode 14.0.0).
const NFC_SAMPLES: &[(&str, &str)] = &[
    ("tre\u{0302}n 60%", "tr\u{00EA}n 60%"),
    ("tre\u{0302}\u{0300}n 60%", "tr\u{1EC1}n 60%"),
    (
        "kho\u{0309}ang 1.200 ho\u{031B}\u{0323}p ta\u{0301}c xa\u{0303}",
        "kh\u{1ECF}ang 1.200 h\u{1EE3}p t\u{00E1}c x\u{00E3}",
    ),
    ("khoa\u{0309}ng", "kho\u{1EA3}ng"),
    (
        "Ke\u{0302}\u{0301} hoa\u{0323}ch so\u{0302}\u{0301} 363/KH-UBND",
        "K\u{1EBF} ho\u{1EA1}ch s\u{1ED1} 363/KH-UBND",
    ),
    (
        "\u{00E2}\u{0301} \u{00E2}\u{0323} \u{01B0}\u{0300}\u{0323} \u{01B0}\u{0323}\u{0300}",
        "\u{1EA5} \u{1EAD} \u{1EF1}\u{0300} \u{1EF1}\u{0300}",
    ),
    (
        "u\u{031B}\u{0323} u\u{0323}\u{031B} U\u{031B}\u{0300}",
        "\u{1EF1} \u{1EF1} \u{1EEA}",
    ),
    (
        "Thu\u{031B}o\u{031B}\u{0300}ng xuye\u{0302}n",
        "Th\u{01B0}\u{1EDD}ng xuy\u{00EA}n",
    ),
    ("Ha\u{0300}ng na\u{0306}m", "H\u{00E0}ng n\u{0103}m"),
    (
        "a\u{0323}\u{0302} a\u{0302}\u{0323} a\u{0301}\u{0323}",
        "\u{1EAD} \u{1EAD} \u{1EA1}\u{0301}",
    ),
    (
        "\u{1100}\u{1161}\u{11A8} \u{AC00}\u{11A8} \u{1100}\u{1161}",
        "\u{AC01} \u{AC01} \u{AC00}",
    ),
    (
        "A\u{030A} \u{212B} \u{2126} \u{0344} \u{0958} \u{0340}",
        "\u{00C5} \u{00C5} \u{03A9} \u{0308}\u{0301} \u{0915}\u{093C} \u{0300}",
    ),
    (
        "q\u{0307}\u{0323} \u{1E0B}\u{0323} \u{1E0D}\u{0307}",
        "q\u{0323}\u{0307} \u{1E0D}\u{0307} \u{1E0D}\u{0307}",
    ),
    (
        "\u{0E40}\u{0E01}\u{0E34}\u{0E48} e\u{0301}\u{0301} \u{0301}abc",
        "\u{0E40}\u{0E01}\u{0E34}\u{0E48} \u{00E9}\u{0301} \u{0301}abc",
    ),
    ("\u{1109A} \u{11099}\u{110BA}", "\u{1109A} \u{1109A}"),
    (
        "\u{0111}\u{0110} \u{00C5}\u{0301} \u{1FB7} \u{0391}\u{0345}\u{0342}\u{0313}",
        "\u{0111}\u{0110} \u{01FA} \u{1FB7} \u{1FBC}\u{0342}\u{0313}",
    ),
];

#[test]
fn every_vietnamese_letter_round_trips() {
    let letters = vietnamese_letters();
    assert_eq!(letters.len(), 146);
    // 134 of them are not ASCII
    assert_eq!(letters.iter().filter(|l| !l.is_ascii()).count(), 134);
    for letter in &letters {
        let decomposed = nfd(letter);
        assert_eq!(nfc(&decomposed), letter.as_str(), "{decomposed:?}");
        assert!(matches!(nfc(letter), Cow::Borrowed(_)), "{letter}");
        assert_eq!(fold(letter).len(), 1, "{letter}");
        assert!(fold(letter).is_ascii(), "{letter}");
    }
}

#[test]
fn windows_1258_forms_compose() {
    // Windows-1258 has `â`, `ê`, `ô`, `ă`, `ơ`, `ư` precomposed and the tones
    // as combining marks.
    assert_eq!(nfc("\u{e2}\u{301}"), "ấ");
    assert_eq!(nfc("\u{e2}\u{323}"), "ậ");
    assert_eq!(nfc("\u{1b0}\u{323}"), "ự");
    assert_eq!(nfc("\u{1b0}\u{300}"), "ừ");
    // the horn and the dot below in either order
    assert_eq!(nfc("u\u{31b}\u{323}"), "ự");
    assert_eq!(nfc("u\u{323}\u{31b}"), "ự");
    // `ư` with two tones is no letter: both orders give `ự` and a grave
    assert_eq!(nfc("\u{1b0}\u{300}\u{323}"), "ự\u{300}");
    assert_eq!(nfc("\u{1b0}\u{323}\u{300}"), "ự\u{300}");
    assert_eq!(nfc("Ke\u{302}\u{301} hoa\u{323}ch"), "Kế hoạch");
}

#[test]
fn matches_python_nfc() {
    for &(input, expected) in NFC_SAMPLES {
        assert_eq!(nfc(input), expected, "{input:?}");
        assert_eq!(nfc(&nfd(input)), expected, "{input:?}");
        assert_eq!(nfd(expected), nfd(input), "{input:?}");
    }
}

#[test]
fn ascii_and_composed_text_is_borrowed() {
    for s in [
        "",
        "363/KH-UBND",
        "trên 60%",
        "khoảng 1.200 hợp tác xã",
        "Đ",
    ] {
        assert!(matches!(nfc(s), Cow::Borrowed(_)), "{s}");
    }
    assert!(matches!(nfc(&nfd("trên")), Cow::Owned(_)));
}

#[test]
fn tables_are_sorted() {
    assert!(DECOMPOSITION.windows(2).all(|w| w[0].0 < w[1].0));
    assert!(COMPOSITION.windows(2).all(|w| w[0].0 < w[1].0));
    assert!(COMBINING_CLASS.windows(2).all(|w| w[0].1 < w[1].0));
    assert!(COMBINING_CLASS.iter().all(|&(a, b, c)| a <= b && c != 0));
    assert!(NOT_QUICK_NFC.windows(2).all(|w| w[0].1 < w[1].0));
    assert_eq!(tables::UNICODE_VERSION, "14.0.0");
}

#[test]
fn fold_examples() {
    assert_eq!(fold("Kế hoạch"), "ke hoach");
    assert_eq!(fold(&nfd("Kế hoạch")), "ke hoach");
    assert_eq!(fold("\tĐẦU  TƯ\n"), "dau tu");
    assert_eq!(fold("Hàng năm"), "hang nam");
    assert_eq!(fold(""), "");
    assert_eq!(fold("   "), "");
    assert_eq!(fold("A\u{301} B"), "a b");
}

#[test]
fn excerpt_cuts_at_characters() {
    assert_eq!(excerpt("", 0), "");
    assert_eq!(excerpt("abc", 0), "…");
    assert_eq!(excerpt("abc", 3), "abc");
    assert_eq!(excerpt("đđđđ", 2), "đđ…");
    assert!(matches!(excerpt("abc", 5), Cow::Borrowed(_)));
}

fn kinds(s: &str) -> Vec<(TokenKind, &str)> {
    tokens(s).map(|t| (t.kind(), t.as_str())).collect()
}

#[test]
fn tokens_examples() {
    use TokenKind::{Number, Punct, Word};
    assert_eq!(
        kinds("Kế hoạch số 363/KH-UBND"),
        [
            (Word, "Kế"),
            (Word, "hoạch"),
            (Word, "số"),
            (Number, "363"),
            (Punct, "/"),
            (Word, "KH"),
            (Punct, "-"),
            (Word, "UBND"),
        ]
    );
    assert_eq!(
        kinds("1.000 triệu, 2,8. 3."),
        [
            (Number, "1.000"),
            (Word, "triệu"),
            (Punct, ","),
            (Number, "2,8"),
            (Punct, "."),
            (Number, "3"),
            (Punct, "."),
        ]
    );
    assert_eq!(
        kinds("17/2023/QH15"),
        [
            (Number, "17"),
            (Punct, "/"),
            (Number, "2023"),
            (Punct, "/"),
            (Word, "QH15")
        ]
    );
    assert_eq!(kinds(&nfd("Kế")), [(Word, nfd("Kế").as_str())]);
    assert!(kinds(" \n ").is_empty());
}

/// Strings that mix Vietnamese letters, loose marks and anything else.
fn mixed() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[a-zA-Z0-9 .,%/-]{0,4}",
        "[aăâeêioôơuưyđĐAÂƠƯ]",
        "[\u{300}\u{301}\u{303}\u{309}\u{323}\u{302}\u{306}\u{31b}\u{308}\u{345}\u{1161}\u{11a8}]",
        "[\u{1100}-\u{1112}\u{ac00}-\u{ac1f}\u{212b}\u{1e00}-\u{1eff}\u{1f00}-\u{1fff}]",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..12).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn nfc_is_idempotent(s in prop_oneof![any::<String>(), mixed()]) {
        let once = nfc(&s).into_owned();
        prop_assert_eq!(nfc(&once), once.as_str());
        prop_assert!(matches!(nfc(&once), Cow::Borrowed(_)));
    }

    #[test]
    fn nfc_of_nfd_is_nfc(s in prop_oneof![any::<String>(), mixed()]) {
        let decomposed = nfd(&s);
        prop_assert_eq!(nfc(&decomposed), nfc(&s));
        prop_assert_eq!(nfd(&nfc(&s)), nfd(&s));
        // the quick path agrees with the full algorithm
        prop_assert_eq!(nfc(&s).into_owned(), compose(&decompose(&s)));
    }

    #[test]
    fn fold_ignores_the_form(s in prop_oneof![any::<String>(), mixed()]) {
        let folded = fold(&s);
        prop_assert_eq!(&fold(&nfd(&s)), &folded);
        prop_assert_eq!(fold(&folded), folded.clone());
        prop_assert_eq!(folded.trim(), folded.as_str());
    }

    #[test]
    fn excerpt_is_a_prefix(s in any::<String>(), max in 0usize..20) {
        let cut = excerpt(&s, max);
        let kept = cut.strip_suffix('…').filter(|_| s.chars().count() > max).unwrap_or(&cut);
        prop_assert!(s.starts_with(kept));
        prop_assert!(kept.chars().count() <= max);
    }

    #[test]
    fn tokens_cover_everything_but_whitespace(s in prop_oneof![any::<String>(), mixed()]) {
        let mut end = 0;
        for t in tokens(&s) {
            let range = t.range();
            prop_assert!(s.get(end..range.start).is_some_and(|gap| gap.trim().is_empty()));
            prop_assert_eq!(s.get(range.clone()), Some(t.as_str()));
            prop_assert!(!t.as_str().is_empty());
            end = range.end;
        }
        prop_assert!(s.get(end..).is_some_and(|gap| gap.trim().is_empty()));
    }
}
