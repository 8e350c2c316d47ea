//! Breakdowns as a text table for people, in Vietnamese or English.

use std::fmt::Write as _;

use crate::engine::finalize::{Breakdown, GroupResult};
use crate::lang::format_decimal;
use crate::lang::{Labelled, Lang};
use crate::org::{OrgKind, Sector};
use crate::plan::GroupBy;

/// Whether a value meets its threshold, in words: `đạt` / `chưa đạt`
/// (`met` / `not met`), `None` without a value.
pub(crate) fn met_text(met: Option<bool>, lang: Lang) -> Option<&'static str> {
    met.map(|m| {
        if m {
            lang.pick("đạt", "met")
        } else {
            lang.pick("chưa đạt", "not met")
        }
    })
}

impl GroupResult {
    /// The group's value for people, to two decimals; `—` and the reason
    /// without one.
    pub(crate) fn value_text(&self, lang: Lang) -> String {
        match (&self.actual, &self.no_data) {
            (Some(v), _) => format_decimal(v.round_dp(2), lang),
            (None, Some(why)) => format!("— ({})", why.text(lang)),
            (None, None) => "—".to_owned(),
        }
    }
}

impl Breakdown {
    /// A group's name for people: sector and kind codes by their labels in
    /// `lang`, a commune with its district, `(none)` for organisations
    /// without the value.
    pub(crate) fn group_name(&self, g: &GroupResult, lang: Lang) -> String {
        let name = match (&g.key.value, self.by) {
            (None, _) => lang.pick("(không có)", "(none)").to_owned(),
            (Some(code), GroupBy::Sector) => code
                .parse::<Sector>()
                .map_or(code.clone(), |x| x.label(lang).to_owned()),
            (Some(code), GroupBy::Kind) => code
                .parse::<OrgKind>()
                .map_or(code.clone(), |x| x.label(lang).to_owned()),
            (Some(v), _) => v.clone(),
        };
        match &g.key.district {
            Some(d) => format!("{name} ({d})"),
            None => name,
        }
    }

    /// The breakdown as a text table: one line per group with its
    /// numerator, denominator, value and whether it meets the threshold
    /// (sector and kind codes shown by their labels). The report renderer
    /// prints it under the target's line.
    ///
    /// ```
    /// use hoptac::{Lang, plan::GroupBy, report::{Breakdown, GroupResult}, tally::{GroupKey, Parts}};
    /// let g = GroupResult { key: GroupKey { value: Some("Nam Đàn".into()), district: None },
    ///     parts: Parts { numerator: 3.into(), ..Parts::default() }, actual: Some(3.into()), met: Some(false), no_data: None };
    /// let b = Breakdown { by: GroupBy::District, groups: vec![g] };
    /// let table = b.table(Lang::Vi);
    /// assert!(table.starts_with("huyện"));
    /// assert!(table.contains("Nam Đàn"));
    /// assert!(table.contains("chưa đạt"));
    /// ```
    pub fn table(&self, lang: Lang) -> String {
        let rows: Vec<[String; 5]> = self
            .groups
            .iter()
            .map(|g| {
                let name = self.group_name(g, lang);
                let value = g.value_text(lang);
                let met = met_text(g.met, lang).unwrap_or("—");
                [
                    name,
                    format_decimal(g.parts.numerator, lang),
                    format_decimal(g.parts.denominator, lang),
                    value,
                    met.to_owned(),
                ]
            })
            .collect();
        let header = [
            self.by.label(lang).to_owned(),
            lang.pick("tử số", "numerator").to_owned(),
            lang.pick("mẫu số", "denominator").to_owned(),
            lang.pick("giá trị", "value").to_owned(),
            lang.pick("đánh giá", "met").to_owned(),
        ];
        let mut widths = header.clone().map(|h| h.chars().count());
        for r in &rows {
            for (w, c) in widths.iter_mut().zip(r) {
                *w = (*w).max(c.chars().count());
            }
        }
        let mut out = String::new();
        for r in std::iter::once(&header).chain(&rows) {
            let mut line = String::new();
            for (i, (c, w)) in r.iter().zip(widths).enumerate() {
                if i > 0 {
                    line.push_str(" | ");
                }
                let pad = w.saturating_sub(c.chars().count());
                let _ = write!(line, "{c}{}", " ".repeat(pad));
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{GroupKey, Parts};

    #[test]
    fn sectors_are_shown_by_their_labels_and_columns_line_up() {
        let group = |v: Option<&str>, n: i64| GroupResult {
            key: GroupKey {
                value: v.map(str::to_owned),
                district: None,
            },
            parts: Parts {
                numerator: n.into(),
                ..Parts::default()
            },
            actual: Some(n.into()),
            met: Some(n > 1),
            no_data: None,
        };
        let b = Breakdown {
            by: GroupBy::Sector,
            groups: vec![group(Some("agriculture"), 2), group(None, 1)],
        };
        let en = b.table(Lang::En);
        let lines: Vec<&str> = en.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[0].starts_with("sector"));
        assert!(lines[1].starts_with("agriculture") || lines[1].contains("gricult"));
        assert!(lines[2].starts_with("(none)"));
        assert!(lines[1].ends_with("met") && lines[2].ends_with("not met"));
        let pipes: Vec<usize> = lines.iter().map(|l| l.find('|').unwrap()).collect();
        assert!(pipes.windows(2).all(|w| w[0] == w[1]));
    }
}
