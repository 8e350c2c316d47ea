//! The report as one self-contained HTML page for people, in Vietnamese or
//! English: inline CSS and SVG, nothing fetched, printable on A4.
//!
//! Every number shown as text is the report's exact value, rounded for
//! display the way the text table rounds it ([`show_value`]). Positions in
//! the SVG drawings are the only place values become `f64`: pixels.

use std::fmt::Write as _;

use chrono::NaiveDate;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::breakdown::met_text;
use super::finalize::{Breakdown, TargetResult, TargetStatus};
use super::report::{date, document_line, show_value};
use super::tasks::TaskResult;
use super::Report;
use crate::lang::{format_decimal, Labelled, Lang};
use crate::plan::MeasureKind;
use crate::threshold::Unit;

impl Report {
    /// The report as one self-contained HTML page in `lang` (trang HTML
    /// của báo cáo): the plan's number, date, issuer and title; for each
    /// target its status (by word, by a shape and by a colour of the
    /// Okabe–Ito palette, safe for colour-blind readers), a bar of its
    /// value against the threshold, a small chart of the value and its
    /// projection to the deadline, and its breakdown; the tasks grouped by
    /// lead agency. Printable on A4 (`@page { size: A4 }`).
    ///
    /// The page fetches nothing (no scripts, fonts, images or style
    /// sheets), escapes every text of the plan, and is the same for the
    /// same report and language, byte for byte.
    ///
    /// ```
    /// use hoptac::{catalog, Inputs, Lang, Registry};
    /// let plan = catalog::get("nghe-an-363-2023").ok_or("plan")?;
    /// let as_of = chrono::NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?;
    /// let report = plan.evaluate(&Registry::new(), &Inputs::new(as_of))?;
    /// let page = report.to_html(Lang::Vi);
    /// assert!(page.starts_with("<!DOCTYPE html>"));
    /// assert!(page.contains("Kế hoạch số 363/KH-UBND ngày 30/5/2023"));
    /// assert!(page.contains("không có số liệu"));
    /// assert!(report.to_html(Lang::En).contains("no data"));
    /// std::fs::write(std::env::temp_dir().join("hoptac-report.html"), page)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_html(&self, lang: Lang) -> String {
        let mut page = Page {
            r: self,
            lang,
            out: String::with_capacity(64 * 1024),
        };
        page.render();
        page.out
    }
}

/// Text escaped for HTML content and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// How a status looks: its CSS class, its colour (Okabe–Ito) and its shape,
/// so that colour is never the only signal.
fn status_colour(status: TargetStatus) -> &'static str {
    match status {
        TargetStatus::Achieved => "#009E73",
        TargetStatus::AtRisk => "#E69F00",
        TargetStatus::OnTrack => "#0072B2",
        TargetStatus::Behind => "#D55E00",
        TargetStatus::InProgress => "#56B4E9",
        TargetStatus::Missed => "#CC79A7",
        TargetStatus::NoData => "#999999",
    }
}

/// The status's shape, a 16×16 inline SVG: a ticked disc (achieved), a
/// warning triangle (at risk), a disc with a rising arrow (on track), a
/// square with a falling arrow (behind), a half disc (in progress), a
/// crossed diamond (missed), a dashed ring (no data).
fn icon(status: TargetStatus) -> String {
    let c = status_colour(status);
    let body = match status {
        TargetStatus::Achieved => format!(
            r##"<circle cx="8" cy="8" r="7.5" fill="{c}"/><path d="M4.3 8.3l2.5 2.5 5-5.2" stroke="#fff" stroke-width="2" fill="none"/>"##
        ),
        TargetStatus::AtRisk => format!(
            r##"<path d="M8 .8L15.6 15H.4z" fill="{c}"/><path d="M8 5.5v4.6M8 11.6v1.6" stroke="#000" stroke-width="1.8"/>"##
        ),
        TargetStatus::OnTrack => format!(
            r##"<circle cx="8" cy="8" r="7.5" fill="{c}"/><path d="M4.6 11.4l6-6M6.2 5.2h4.6v4.6" stroke="#fff" stroke-width="1.8" fill="none"/>"##
        ),
        TargetStatus::Behind => format!(
            r##"<rect x=".5" y=".5" width="15" height="15" rx="2" fill="{c}"/><path d="M8 3.2v8.6M4.4 8.4L8 12l3.6-3.6" stroke="#fff" stroke-width="1.8" fill="none"/>"##
        ),
        TargetStatus::InProgress => format!(
            r##"<circle cx="8" cy="8" r="6.8" fill="#fff" stroke="{c}" stroke-width="1.4"/><path d="M8 1.2A6.8 6.8 0 0 1 8 14.8z" fill="{c}"/>"##
        ),
        TargetStatus::Missed => format!(
            r##"<path d="M8 .3L15.7 8 8 15.7.3 8z" fill="{c}"/><path d="M5.3 5.3l5.4 5.4M10.7 5.3l-5.4 5.4" stroke="#fff" stroke-width="1.8"/>"##
        ),
        TargetStatus::NoData => format!(
            r##"<circle cx="8" cy="8" r="6.6" fill="none" stroke="{c}" stroke-width="1.8" stroke-dasharray="2.6 2"/>"##
        ),
    };
    format!(
        r#"<svg class="icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">{body}</svg>"#
    )
}

/// A decimal as a coordinate: only for drawing.
fn px(v: Decimal) -> f64 {
    v.to_f64().unwrap_or(0.0)
}

/// The top of a target's scale: 100 for percentages (more when a ratio goes
/// past it), else a tenth above the largest of the value, the goal, the
/// aspiration and the projections.
fn scale_top(t: &TargetResult) -> f64 {
    let mut top = [
        t.actual,
        Some(t.threshold.goal()),
        Some(t.threshold.value()),
        t.threshold.aspiration(),
        t.pace.as_ref().and_then(|p| p.projected),
        t.pace.as_ref().and_then(|p| p.expected_now),
    ]
    .into_iter()
    .flatten()
    .chain(t.history.iter().map(|p| p.value))
    .map(px)
    .fold(0.0_f64, f64::max);
    if *t.threshold.unit() == Unit::Percent {
        top = top.max(100.0);
    } else {
        top *= 1.1;
    }
    if top.is_finite() && top > 0.0 {
        top
    } else {
        1.0
    }
}

struct Page<'a> {
    r: &'a Report,
    lang: Lang,
    out: String,
}

/// The page's style: screen and A4 print. Fonts are the reader's own.
const CSS: &str = r#"
*{box-sizing:border-box}
html{font-family:"DejaVu Sans","Noto Sans","Segoe UI",Arial,sans-serif;font-size:14px;line-height:1.35;color:#1a1a1a;background:#fff}
body{margin:0 auto;max-width:62rem;padding:1.2rem 1.5rem}
h1{font-size:1.3rem;margin:.1rem 0 .3rem}
h2{font-size:1.1rem;margin:1.4rem 0 .4rem;border-bottom:2px solid #1a1a1a;padding-bottom:.15rem}
h3{font-size:1rem;margin:0}
p{margin:.2rem 0}
h1,h2,h3,p,td,th,li,dd{overflow-wrap:anywhere}
.kicker{font-size:.8rem;letter-spacing:.08em;text-transform:uppercase;color:#444;margin:0}
.meta{color:#333}
.notes{margin:.3rem 0;padding-left:1.2rem;color:#333}
.summary{display:flex;flex-wrap:wrap;gap:.4rem;list-style:none;padding:0;margin:.6rem 0}
.summary li{display:flex;align-items:center;gap:.35rem;border:1px solid var(--c);border-left:.9rem solid var(--c);border-radius:3px;padding:.15rem .5rem}
.s-achieved{--c:#009E73}.s-at_risk{--c:#E69F00}.s-on_track{--c:#0072B2}.s-behind{--c:#D55E00}.s-in_progress{--c:#56B4E9}.s-missed{--c:#CC79A7}.s-no_data{--c:#999999}
.target{border:1px solid #c8c8c8;border-left:.45rem solid var(--c);border-radius:4px;padding:.5rem .75rem;margin:.55rem 0;break-inside:avoid;page-break-inside:avoid}
.target>header{display:flex;justify-content:space-between;align-items:flex-start;gap:.8rem}
.tid{font-family:"DejaVu Sans Mono",Consolas,monospace;font-size:.78rem;color:#444;display:block}
.status{display:inline-flex;align-items:center;gap:.3rem;font-weight:bold;border:1.5px solid var(--c);border-radius:1rem;padding:.05rem .55rem;white-space:nowrap}
.icon{flex:none}
dl.figs{display:flex;flex-wrap:wrap;gap:.1rem 1.2rem;margin:.35rem 0}
dl.figs div{display:flex;gap:.3rem}
dt{color:#555}dt::after{content:":"}
dd{margin:0;font-weight:bold}
.viz{display:flex;flex-wrap:wrap;align-items:flex-end;gap:.4rem 1.2rem}
.viz figure{margin:0}
.viz figcaption{font-size:.75rem;color:#555}
svg.bar,svg.chart{display:block;max-width:100%;height:auto}
svg text{font-family:inherit}
.why{color:#6b3b00}
table{border-collapse:collapse;width:100%;margin:.3rem 0}
th,td{border-bottom:1px solid #d0d0d0;padding:.18rem .4rem;text-align:left;vertical-align:top}
th{background:#f0f0f0}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
thead{display:table-header-group}
tr{break-inside:avoid;page-break-inside:avoid}
.agency{break-inside:avoid-page;margin-top:.8rem}
.agency h3 small{font-weight:normal;color:#444}
.agency table{table-layout:fixed}
.agency th:nth-child(1){width:9%}.agency th:nth-child(2){width:15%}.agency th:nth-child(3){width:28%}.agency th:nth-child(4){width:24%}
.flag{font-weight:bold;color:#8a2f00}
footer{margin-top:1.5rem;font-size:.75rem;color:#666}
@page{size:A4;margin:14mm 12mm}
@media print{html{font-size:10pt}body{max-width:none;padding:0}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}h2{break-after:avoid;page-break-after:avoid}}
"#;

impl Page<'_> {
    fn t(&self, vi: &'static str, en: &'static str) -> &'static str {
        self.lang.pick(vi, en)
    }

    fn push(&mut self, s: &str) {
        self.out.push_str(s);
    }

    /// The name of an agency in the report's language: from the summary of
    /// agencies, the id for one it lacks.
    fn agency_name(&self, id: &crate::agency::AgencyId) -> String {
        self.r
            .agencies
            .iter()
            .find(|a| a.agency == *id)
            .map_or_else(|| id.to_string(), |a| a.name.get(self.lang).to_owned())
    }

    fn render(&mut self) {
        let r = self.r;
        let lang = self.lang;
        let doc = document_line(r, lang);
        let _ = write!(
            self.out,
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{} {}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
            lang.code(),
            esc(self.t("Đánh giá", "Evaluation of")),
            esc(&doc)
        );
        self.header(&doc);
        if !r.targets.is_empty() {
            let _ = write!(
                self.out,
                "<section id=\"targets\">\n<h2>{}</h2>\n",
                self.t("Mục tiêu", "Targets")
            );
            for t in &r.targets {
                self.target(t);
            }
            self.push("</section>\n");
        }
        if !r.tasks.is_empty() {
            self.tasks();
        }
        let _ = write!(
            self.out,
            "<footer>{} hoptac {}</footer>\n</body>\n</html>\n",
            self.t("Lập bằng", "Made with"),
            env!("CARGO_PKG_VERSION")
        );
    }

    fn header(&mut self, doc: &str) {
        let r = self.r;
        let lang = self.lang;
        let _ = write!(
            self.out,
            "<header>\n<p class=\"kicker\">{}</p>\n<h1>{}</h1>\n<p>{}</p>\n<p class=\"meta\">{} {}",
            self.t("Đánh giá kế hoạch", "Plan evaluation"),
            esc(doc),
            esc(r.title.get(lang)),
            self.t("Ngày đánh giá:", "As of:"),
            date(r.as_of)
        );
        match r.snapshot {
            Some(s) => {
                let _ = write!(
                    self.out,
                    "; {} {} ({} {})",
                    self.t("số liệu đăng ký ngày", "registry snapshot of"),
                    date(s),
                    format_decimal(r.organisations.into(), lang),
                    self.t("tổ chức", "organisations")
                );
            }
            None => {
                let _ = write!(
                    self.out,
                    "; {}",
                    self.t("không có số liệu đăng ký", "no registry snapshot")
                );
            }
        }
        self.push("</p>\n");
        if !r.history.is_empty() {
            let dates: Vec<String> = r.history.iter().map(|d| date(*d)).collect();
            let _ = writeln!(
                self.out,
                "<p class=\"meta\">{} {}</p>",
                self.t("Số liệu các kỳ trước:", "Earlier snapshots:"),
                dates.join(", ")
            );
        }
        if !r.notes.is_empty() {
            self.push("<ul class=\"notes\">\n");
            for note in &r.notes {
                let _ = writeln!(self.out, "<li>{}</li>", esc(&note.text(lang)));
            }
            self.push("</ul>\n");
        }
        // How many targets stand where: each status by its shape, colour,
        // count and word.
        if !r.targets.is_empty() {
            let _ = writeln!(
                self.out,
                "<ul class=\"summary\" aria-label=\"{}\">",
                self.t("Tình trạng các mục tiêu", "Targets by status")
            );
            for status in TargetStatus::ALL {
                let n = r.targets.iter().filter(|t| t.status == status).count();
                if n == 0 {
                    continue;
                }
                let _ = writeln!(
                    self.out,
                    "<li class=\"s-{}\">{}<b>{n}</b> {}</li>",
                    status.code(),
                    icon(status),
                    esc(status.label(lang))
                );
            }
            self.push("</ul>\n");
        }
        self.push("</header>\n");
    }

    fn target(&mut self, t: &TargetResult) {
        let lang = self.lang;
        let unit = t.threshold.unit();
        let _ = write!(
            self.out,
            "<article class=\"target s-{}\" id=\"t-{}\">\n<header><h3><span class=\"tid\">{}</span>{}</h3>\
             <span class=\"status\">{}{}</span></header>\n<dl class=\"figs\">\n",
            t.status.code(),
            esc(t.id.as_str()),
            esc(t.id.as_str()),
            esc(t.label.get(lang)),
            icon(t.status),
            esc(t.status.label(lang))
        );
        let actual = t
            .actual
            .map_or_else(|| "—".to_owned(), |v| show_value(v, unit, lang));
        self.fig(self.t("Thực hiện", "Actual"), &actual);
        self.fig(
            self.t("Chỉ tiêu", "Threshold"),
            &t.threshold.display_in(lang),
        );
        self.fig(self.t("Thời hạn", "Deadline"), &date(t.deadline));
        if let Some(s) = t.snapshot {
            self.fig(self.t("Số liệu ngày", "Snapshot of"), &date(s));
        }
        if let Some(p) = &t.parts {
            match t.measure {
                MeasureKind::Share | MeasureKind::RatioOfSums => self.fig(
                    self.t("Tử số / mẫu số", "Numerator / denominator"),
                    &format!(
                        "{} / {}",
                        format_decimal(p.numerator, lang),
                        format_decimal(p.denominator, lang)
                    ),
                ),
                MeasureKind::Mean => self.fig(
                    self.t("Tổng / số tổ chức", "Sum / organisations"),
                    &format!(
                        "{} / {}",
                        format_decimal(p.numerator, lang),
                        format_decimal(p.denominator, lang)
                    ),
                ),
                _ => {}
            }
            if p.missing > 0 {
                self.fig(
                    self.t("Thiếu số liệu", "Missing"),
                    &format_decimal(p.missing.into(), lang),
                );
            }
        }
        if let Some(fig) = &t.figure {
            self.fig(
                self.t("Số liệu ngoài", "Figure"),
                &format!("{} = {}", fig.name, format_decimal(fig.value, lang)),
            );
        }
        if let Some(g) = &t.growth {
            self.fig(
                self.t("Giá trị cơ sở", "Base"),
                &format!("{} ({})", format_decimal(g.base, lang), g.base_year),
            );
            self.fig(
                self.t("Giá trị", "Value"),
                &format!("{} ({})", format_decimal(g.value, lang), g.year),
            );
            self.fig(
                self.t("Mức cần đạt", "Required"),
                &format_decimal(g.required, lang),
            );
        }
        if let Some(progress) = t.progress {
            self.fig(
                self.t("Tiến độ so với giá trị cơ sở", "Progress from baseline"),
                &format!("{}%", format_decimal(progress.round_dp(1), lang)),
            );
        }
        if let Some(pace) = &t.pace {
            if let Some(p) = pace.projected {
                self.fig(
                    self.t("Dự báo đến hạn", "Projected at deadline"),
                    &show_value(p, unit, lang),
                );
            }
            if let Some(e) = pace.expected_now {
                self.fig(
                    self.t("Mức cần đạt hiện nay", "Expected by now"),
                    &show_value(e, unit, lang),
                );
            }
        }
        self.push("</dl>\n");
        if t.actual.is_some() {
            self.push("<div class=\"viz\">\n");
            self.bar(t);
            self.chart(t);
            self.push("</div>\n");
        }
        if let Some(why) = &t.no_data {
            let _ = writeln!(self.out, "<p class=\"why\">! {}</p>", esc(&why.text(lang)));
        }
        for note in &t.notes {
            let _ = writeln!(self.out, "<p class=\"why\">! {}</p>", esc(&note.text(lang)));
        }
        if let Some(b) = &t.breakdown {
            self.breakdown(b);
        }
        self.push("</article>\n");
    }

    fn fig(&mut self, key: &str, value: &str) {
        let _ = writeln!(
            self.out,
            "<div><dt>{}</dt><dd>{}</dd></div>",
            esc(key),
            esc(value)
        );
    }

    /// The value as a bar on the target's scale, with the threshold (and a
    /// range's aspiration) marked, and the projection as an open diamond.
    fn bar(&mut self, t: &TargetResult) {
        let lang = self.lang;
        let unit = t.threshold.unit();
        let Some(actual) = t.actual else { return };
        const W: f64 = 300.0;
        let top = scale_top(t);
        let x = |v: Decimal| (px(v) / top * W).clamp(0.0, W);
        let c = status_colour(t.status);
        let label = format!(
            "{} {}, {} {}",
            self.t("thực hiện", "actual"),
            show_value(actual, unit, lang),
            self.t("chỉ tiêu", "threshold"),
            t.threshold.display_in(lang)
        );
        let _ = write!(
            self.out,
            "<figure><svg class=\"bar\" width=\"{w}\" height=\"40\" viewBox=\"0 0 {w} 40\" role=\"img\" aria-label=\"{}\">\
             <title>{}</title>\
             <rect x=\"0\" y=\"6\" width=\"{W}\" height=\"16\" fill=\"#ececec\" stroke=\"#bbb\"/>\
             <rect x=\"0\" y=\"6\" width=\"{:.1}\" height=\"16\" fill=\"{c}\"/>",
            esc(&label),
            esc(&label),
            x(actual),
            w = W + 10.0,
        );
        let goal = x(t.threshold.value());
        let _ = write!(
            self.out,
            "<line x1=\"{goal:.1}\" y1=\"1\" x2=\"{goal:.1}\" y2=\"27\" stroke=\"#000\" stroke-width=\"2\"/>\
             <text x=\"{:.1}\" y=\"38\" font-size=\"10\" text-anchor=\"{}\">{} {}</text>",
            goal,
            anchor(goal, W),
            self.t("chỉ tiêu", "threshold"),
            esc(&show_value(t.threshold.value(), unit, lang))
        );
        if let Some(top_value) = t.threshold.aspiration() {
            let a = x(top_value);
            let _ = write!(
                self.out,
                "<line x1=\"{a:.1}\" y1=\"1\" x2=\"{a:.1}\" y2=\"27\" stroke=\"#000\" stroke-width=\"1.5\" stroke-dasharray=\"3 2\"/>"
            );
        }
        if let Some(p) = t.pace.as_ref().and_then(|p| p.projected) {
            let p = x(p);
            let _ = write!(
                self.out,
                "<path d=\"M{p:.1} 8l6 6-6 6-6-6z\" fill=\"#fff\" stroke=\"#000\" stroke-width=\"1.5\"/>"
            );
        }
        let _ = writeln!(
            self.out,
            "</svg><figcaption>{}</figcaption></figure>",
            esc(&self.bar_caption(t))
        );
    }

    fn bar_caption(&self, t: &TargetResult) -> String {
        let mut caption = self
            .t(
                "thanh: thực hiện; vạch: chỉ tiêu",
                "bar: actual; line: threshold",
            )
            .to_owned();
        if t.threshold.aspiration().is_some() {
            caption.push_str(self.t("; vạch đứt: mức phấn đấu", "; dashed: aspiration"));
        }
        if t.pace.as_ref().and_then(|p| p.projected).is_some() {
            caption.push_str(self.t("; ◇ dự báo đến hạn", "; ◇ projected at deadline"));
        }
        caption
    }

    /// The value over time: the snapshots' dates, the value at its date,
    /// the threshold, and the projection to the deadline (dashed) or what
    /// the line from the baseline expects now.
    fn chart(&mut self, t: &TargetResult) {
        let lang = self.lang;
        let Some(actual) = t.actual else { return };
        let unit = t.threshold.unit();
        // The value holds at its snapshot's date (a reported value, at the
        // as-of date).
        let now = t.snapshot.unwrap_or(self.r.as_of);
        let mut dates: Vec<NaiveDate> = self.r.history.clone();
        dates.push(now);
        dates.sort();
        dates.dedup();
        let first = dates.first().copied().unwrap_or(now).min(t.deadline);
        let last = dates.last().copied().unwrap_or(now).max(t.deadline);
        let first = if first == last {
            first
                .checked_sub_days(chrono::Days::new(365))
                .unwrap_or(first)
        } else {
            first
        };
        let span = (last - first).num_days().max(1) as f64;
        const W: f64 = 300.0;
        const H: f64 = 96.0;
        const L: f64 = 8.0;
        const TOP: f64 = 8.0;
        const PLOT: f64 = 66.0;
        let top = scale_top(t);
        let x = |d: NaiveDate| L + ((d - first).num_days() as f64 / span) * (W - 2.0 * L);
        let y = |v: Decimal| TOP + PLOT - (px(v) / top).clamp(0.0, 1.0) * PLOT;
        let c = status_colour(t.status);
        let pace = t.pace.as_ref();
        let label = format!(
            "{} {} ({}){}",
            self.t("thực hiện", "actual"),
            show_value(actual, unit, lang),
            date(now),
            pace.and_then(|p| p.projected)
                .map_or_else(String::new, |p| {
                    format!(
                        ", {} {} ({})",
                        self.t("dự báo", "projected"),
                        show_value(p, unit, lang),
                        date(t.deadline)
                    )
                })
        );
        let _ = write!(
            self.out,
            "<figure><svg class=\"chart\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"{}\">\
             <title>{}</title>\
             <rect x=\"0\" y=\"0\" width=\"{W}\" height=\"{:.1}\" fill=\"#fafafa\"/>\
             <line x1=\"0\" y1=\"{b:.1}\" x2=\"{W}\" y2=\"{b:.1}\" stroke=\"#888\"/>",
            esc(&label),
            esc(&label),
            TOP + PLOT,
            b = TOP + PLOT,
        );
        // The snapshots' dates and the deadline, by year.
        let mut ticks = dates.clone();
        ticks.push(t.deadline);
        ticks.sort();
        ticks.dedup();
        let mut last_label = f64::NEG_INFINITY;
        for d in &ticks {
            let tx = x(*d);
            let _ = write!(
                self.out,
                "<line x1=\"{tx:.1}\" y1=\"{:.1}\" x2=\"{tx:.1}\" y2=\"{:.1}\" stroke=\"#888\"/>",
                TOP + PLOT,
                TOP + PLOT + 4.0
            );
            // Years too close to the previous one's label are left unlabelled.
            if tx - last_label >= 26.0 {
                let _ = write!(
                    self.out,
                    "<text x=\"{tx:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"{}\">{}</text>",
                    TOP + PLOT + 15.0,
                    anchor(tx, W),
                    d.format("%Y")
                );
                last_label = tx;
            }
        }
        let gy = y(t.threshold.value());
        let _ = write!(
            self.out,
            "<line x1=\"0\" y1=\"{gy:.1}\" x2=\"{W}\" y2=\"{gy:.1}\" stroke=\"#000\" stroke-width=\"1.2\" stroke-dasharray=\"5 3\"/>"
        );
        let (ax, ay) = (x(now), y(actual));
        // The history: a line through the earlier values to the current one,
        // each earlier value a small square (its value in the tooltip).
        if !t.history.is_empty() {
            let mut path = String::new();
            for (i, p) in t.history.iter().enumerate() {
                let _ = write!(
                    path,
                    "{}{:.1} {:.1}",
                    if i == 0 { "M" } else { "L" },
                    x(p.date),
                    y(p.value)
                );
            }
            let _ = write!(path, "L{ax:.1} {ay:.1}");
            let _ = write!(
                self.out,
                "<path d=\"{path}\" fill=\"none\" stroke=\"{c}\" stroke-width=\"2\"/>"
            );
            for p in &t.history {
                let _ = write!(
                    self.out,
                    "<rect class=\"past\" x=\"{:.1}\" y=\"{:.1}\" width=\"7\" height=\"7\" fill=\"{c}\" stroke=\"#000\" stroke-width=\"1\"><title>{} ({})</title></rect>",
                    x(p.date) - 3.5,
                    y(p.value) - 3.5,
                    esc(&show_value(p.value, unit, lang)),
                    date(p.date)
                );
            }
        }
        if let Some(p) = pace.and_then(|p| p.projected) {
            let (px_, py) = (x(t.deadline), y(p));
            let _ = write!(
                self.out,
                "<line x1=\"{ax:.1}\" y1=\"{ay:.1}\" x2=\"{px_:.1}\" y2=\"{py:.1}\" stroke=\"{c}\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/>\
                 <circle cx=\"{px_:.1}\" cy=\"{py:.1}\" r=\"4\" fill=\"#fff\" stroke=\"#000\" stroke-width=\"1.5\"/>"
            );
        }
        if let Some(e) = pace.and_then(|p| p.expected_now) {
            let ey = y(e);
            let _ = write!(
                self.out,
                "<path d=\"M{ax:.1} {:.1}l5 5-5 5-5-5z\" fill=\"#fff\" stroke=\"#000\" stroke-width=\"1.5\"/>",
                ey - 5.0
            );
        }
        let _ = write!(
            self.out,
            "<circle cx=\"{ax:.1}\" cy=\"{ay:.1}\" r=\"5\" fill=\"{c}\" stroke=\"#000\" stroke-width=\"1\"/>"
        );
        // The threshold's label last, over the marks, on a halo of the
        // background, and on the side of its line away from the current value.
        // Above the line, a label of 10 px needs 13 px of room.
        let below = if gy < 14.0 {
            true
        } else if gy + 11.0 > TOP + PLOT {
            false
        } else {
            ay < gy
        };
        let _ = write!(
            self.out,
            "<text x=\"2.0\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"start\" \
             paint-order=\"stroke\" stroke=\"#fafafa\" stroke-width=\"3\">{} {}</text>",
            if below { gy + 11.0 } else { gy - 5.0 },
            self.t("chỉ tiêu", "threshold"),
            esc(&show_value(t.threshold.value(), unit, lang))
        );
        let _ = writeln!(
            self.out,
            "</svg><figcaption>{}</figcaption></figure>",
            esc(&self.chart_caption(t))
        );
    }

    fn chart_caption(&self, t: &TargetResult) -> String {
        let mut caption = self
            .t("● thực hiện; – – chỉ tiêu", "● actual; – – threshold")
            .to_owned();
        if !t.history.is_empty() {
            caption.push_str(self.t("; ■ các kỳ trước", "; ■ earlier snapshots"));
        }
        if let Some(p) = &t.pace {
            if p.projected.is_some() {
                let _ = write!(
                    caption,
                    "{} {} {}",
                    self.t("; ○ dự báo theo xu hướng", "; ○ projected by the trend of"),
                    p.points,
                    self.t("kỳ số liệu", "snapshots")
                );
            }
            if p.expected_now.is_some() {
                caption.push_str(self.t(
                    "; ◇ mức cần đạt hiện nay (đường từ giá trị cơ sở)",
                    "; ◇ expected by now (line from the baseline)",
                ));
            }
        }
        caption
    }

    fn breakdown(&mut self, b: &Breakdown) {
        let lang = self.lang;
        let _ = write!(
            self.out,
            "<table class=\"breakdown\">\n<thead><tr><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th>\
             <th class=\"num\">{}</th><th>{}</th></tr></thead>\n<tbody>\n",
            esc(b.by.label(lang)),
            self.t("Tử số", "Numerator"),
            self.t("Mẫu số", "Denominator"),
            self.t("Giá trị", "Value"),
            self.t("Đánh giá", "Met")
        );
        for g in &b.groups {
            let value = g.value_text(lang);
            let met = met_text(g.met, lang).unwrap_or("—");
            let _ = writeln!(
                self.out,
                "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
                esc(&b.group_name(g, lang)),
                format_decimal(g.parts.numerator, lang),
                format_decimal(g.parts.denominator, lang),
                esc(&value),
                met
            );
        }
        self.push("</tbody>\n</table>\n");
    }

    /// Tasks under each lead agency, in the order of the summary of
    /// agencies; a task led by several agencies is under each.
    fn tasks(&mut self) {
        let r = self.r;
        let _ = write!(
            self.out,
            "<section id=\"tasks\">\n<h2>{}</h2>\n",
            self.t("Nhiệm vụ theo đơn vị chủ trì", "Tasks by lead agency")
        );
        for a in &r.agencies {
            let tasks: Vec<&TaskResult> = r
                .tasks
                .iter()
                .filter(|t| t.lead.contains(&a.agency))
                .collect();
            let heading = format!(
                "{}: {}; {}: {}; {}: {}",
                self.t("nhiệm vụ", "tasks"),
                a.tasks_led,
                self.t("quá hạn", "overdue"),
                a.overdue,
                self.t("thiếu báo cáo", "reports missing"),
                a.reports_missing
            );
            let name = a.name.get(self.lang).to_owned();
            self.task_group(&name, &heading, &tasks);
        }
        // Tasks whose lead is in no summary: none in a validated plan, shown
        // rather than dropped should one come.
        let orphans: Vec<&TaskResult> = r
            .tasks
            .iter()
            .filter(|t| {
                !t.lead
                    .iter()
                    .any(|l| r.agencies.iter().any(|a| a.agency == *l))
            })
            .collect();
        if !orphans.is_empty() {
            let name = self
                .t("Không có đơn vị chủ trì", "No lead agency")
                .to_owned();
            self.task_group(&name, "", &orphans);
        }
        self.push("</section>\n");
    }

    fn task_group(&mut self, name: &str, counts: &str, tasks: &[&TaskResult]) {
        let lang = self.lang;
        let _ = write!(
            self.out,
            "<div class=\"agency\">\n<h3>{} <small>{}</small></h3>\n<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
            esc(name),
            esc(counts),
            self.t("Nhiệm vụ", "Task"),
            self.t("Thời hạn", "Schedule"),
            self.t("Báo cáo gần nhất", "Latest report"),
            self.t("Cùng chủ trì", "Also led by"),
            self.t("Cảnh báo", "Warnings")
        );
        for t in tasks {
            let state = t.schedule.as_ref().map_or("—", |s| s.label(lang));
            let latest = t.latest.as_ref().map_or_else(
                || self.t("chưa có báo cáo", "no report").to_owned(),
                |l| {
                    let mut s = format!("{} ({})", l.status.label(lang), l.year);
                    if let Some(note) = &l.note {
                        s.push_str(": ");
                        s.push_str(note);
                    }
                    s
                },
            );
            let others: Vec<String> = t
                .lead
                .iter()
                .map(|l| self.agency_name(l))
                .filter(|n| n != name)
                .collect();
            let flags = super::report::task_warnings(t, lang);
            let _ = writeln!(
                self.out,
                "<tr><td><b>{}</b> {}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"flag\">{}</td></tr>",
                esc(t.id.as_str()),
                esc(t.text.get(lang)),
                esc(state),
                esc(&latest),
                esc(&others.join("; ")),
                esc(&flags.join("; "))
            );
        }
        self.push("</tbody>\n</table>\n</div>\n");
    }
}

/// Where a label at `x` anchors so that it stays inside `0..=w`.
fn anchor(x: f64, w: f64) -> &'static str {
    if x < 30.0 {
        "start"
    } else if x > w - 30.0 {
        "end"
    } else {
        "middle"
    }
}

#[cfg(all(test, feature = "json"))]
mod tests {
    use super::*;
    use crate::engine::finalize::GroupResult;
    use crate::engine::{GroupKey, Parts};
    use crate::plan::GroupBy;
    use crate::{catalog, Inputs, Registry};

    fn report() -> Report {
        let plan = catalog::get("nghe-an-363-2023").unwrap();
        let as_of = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
        plan.evaluate(&Registry::new(), &Inputs::new(as_of))
            .unwrap()
    }

    #[test]
    fn plan_texts_are_escaped() {
        let mut r = report();
        r.title = crate::Bilingual::both(
            "<script>alert('vi')</script>",
            "<script>alert(\"en\")</script> & co",
        );
        r.issuer = "UBND <b>tỉnh</b>".to_owned();
        r.agencies[0].name = crate::Bilingual::new("Sở <img src=x onerror=alert(1)>");
        for lang in Lang::ALL {
            let page = r.to_html(lang);
            assert!(!page.contains("<script"), "{lang}");
            assert!(!page.contains("<img"), "{lang}");
            assert!(!page.contains("<b>tỉnh"), "{lang}");
            assert!(page.contains("&lt;script&gt;alert("), "{lang}");
            assert!(page.contains("UBND &lt;b&gt;tỉnh&lt;/b&gt;"), "{lang}");
        }
        assert!(r.to_html(Lang::En).contains("&lt;/script&gt; &amp; co"));
        assert!(r.to_html(Lang::Vi).contains("alert(&#39;vi&#39;)"));
        assert_eq!(esc(r#"a<b>&"c"'"#), "a&lt;b&gt;&amp;&quot;c&quot;&#39;");
    }

    #[test]
    fn the_page_is_self_contained_and_deterministic() {
        let r = report();
        for lang in Lang::ALL {
            let page = r.to_html(lang);
            assert_eq!(page, r.to_html(lang));
            for outside in [
                "<script", "<link", "<img", "src=", "href=", "url(", "@import",
            ] {
                assert!(!page.contains(outside), "{lang}: {outside}");
            }
            assert!(page.contains("@page{size:A4"));
            assert!(page.contains(&format!("<html lang=\"{}\">", lang.code())));
            assert!(page.ends_with("</html>\n"));
        }
    }

    #[test]
    fn header_names_the_document_in_each_language() {
        let r = report();
        let vi = r.to_html(Lang::Vi);
        assert!(vi.contains(
            "<h1>Kế hoạch số 363/KH-UBND ngày 30/5/2023 của Ủy ban nhân dân tỉnh Nghệ An</h1>"
        ));
        assert!(vi.contains("Ngày đánh giá: 31/12/2025; không có số liệu đăng ký"));
        let en = r.to_html(Lang::En);
        assert!(
            en.contains("<h1>Plan No. 363/KH-UBND of 30/5/2023, Ủy ban nhân dân tỉnh Nghệ An</h1>")
        );
        assert!(en.contains("As of: 31/12/2025; no registry snapshot"));
        // Every target, with its status by word; no English in the Vietnamese page's labels.
        for t in &r.targets {
            assert!(vi.contains(&format!("id=\"t-{}\"", t.id)));
        }
        assert!(vi.contains("không có số liệu") && !vi.contains(">no data<"));
        assert!(en.contains("no data") && !en.contains("không có số liệu<"));
    }

    fn result(status: TargetStatus, actual: Option<&str>) -> TargetResult {
        let mut t = report().targets[0].clone();
        t.status = status;
        t.actual = actual.map(|v| v.parse().unwrap());
        t.no_data = None;
        t
    }

    #[test]
    fn each_status_has_its_word_colour_and_shape() {
        let mut shapes = Vec::new();
        for status in TargetStatus::ALL {
            let mut r = report();
            r.targets = vec![result(status, Some("871"))];
            let page = r.to_html(Lang::En);
            let colour = status_colour(status);
            assert!(page.contains(&format!("class=\"target s-{}\"", status.code())));
            assert!(page.contains(&format!(
                "{}{}</span>",
                icon(status),
                status.label(Lang::En)
            )));
            assert!(
                page.contains(&format!("fill=\"{colour}\""))
                    || page.contains(&format!("stroke=\"{colour}\""))
            );
            assert!(CSS.contains(&format!(".s-{}{{--c:{colour}}}", status.code())));
            shapes.push(icon(status).replace(colour, ""));
        }
        // Without its colour, each shape still differs from the others.
        let mut distinct = shapes.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), shapes.len());
    }

    #[test]
    fn a_target_with_a_value_has_a_bar_and_a_chart_with_its_projection() {
        let mut r = report();
        r.snapshot = NaiveDate::from_ymd_opt(2025, 12, 31);
        r.history = vec![
            NaiveDate::from_ymd_opt(2023, 12, 31).unwrap(),
            NaiveDate::from_ymd_opt(2024, 12, 31).unwrap(),
        ];
        let mut t = result(TargetStatus::OnTrack, Some("871"));
        t.snapshot = r.snapshot;
        t.pace = Some(crate::engine::Pace {
            basis: crate::engine::PaceBasis::History,
            points: 3,
            per_year: Some(30.into()),
            projected: Some(1056.into()),
            expected_now: None,
        });
        let point = |y, v: &str| crate::engine::HistoryPoint {
            date: NaiveDate::from_ymd_opt(y, 12, 31).unwrap(),
            value: v.parse().unwrap(),
        };
        t.history = vec![point(2023, "811"), point(2024, "840")];
        r.targets = vec![t];
        let page = r.to_html(Lang::Vi);
        // The earlier values: a square each, with its value and date, on a
        // line to the current value.
        assert_eq!(page.matches("<rect class=\"past\"").count(), 2);
        assert!(page.contains("<title>811 (31/12/2023)</title>"));
        assert!(page.contains("<title>840 (31/12/2024)</title>"));
        assert!(page.contains("■ các kỳ trước"));
        assert!(page.contains("<svg class=\"bar\""));
        assert!(page.contains("<svg class=\"chart\""));
        assert!(
            page.contains("aria-label=\"thực hiện 871 (31/12/2025), dự báo 1.056 (31/12/2030)\"")
        );
        assert!(page.contains("dự báo theo xu hướng 3 kỳ số liệu"));
        for year in ["2023", "2024", "2025", "2030"] {
            assert!(page.contains(&format!(">{year}</text>")), "{year}");
        }
        assert!(page.contains("<dt>Dự báo đến hạn</dt><dd>1.056</dd>"));
        // No value, no drawing.
        r.targets = vec![result(TargetStatus::NoData, None)];
        let page = r.to_html(Lang::Vi);
        assert!(!page.contains("<svg class=\"bar\"") && !page.contains("<svg class=\"chart\""));
    }

    #[test]
    fn breakdowns_show_each_group() {
        let mut r = report();
        let mut t = result(TargetStatus::Behind, Some("3"));
        let group = |v: Option<&str>, n: i64, met| GroupResult {
            key: GroupKey {
                value: v.map(str::to_owned),
                district: None,
            },
            parts: Parts {
                numerator: n.into(),
                denominator: 10.into(),
                ..Parts::default()
            },
            actual: Some(n.into()),
            met: Some(met),
            no_data: None,
        };
        t.breakdown = Some(Breakdown {
            by: GroupBy::Sector,
            groups: vec![
                group(Some("agriculture"), 2, true),
                group(Some("<i>x</i>"), 1, false),
                group(None, 0, false),
            ],
        });
        r.targets = vec![t];
        let page = r.to_html(Lang::Vi);
        assert!(page.contains("<th>lĩnh vực</th>"));
        assert!(page.contains("<td>&lt;i&gt;x&lt;/i&gt;</td><td class=\"num\">1</td><td class=\"num\">10</td><td class=\"num\">1</td><td>chưa đạt</td>"));
        assert!(page.contains("<td>(không có)</td>"));
        assert!(!page.contains("<td>agriculture</td>"));
    }

    #[test]
    fn tasks_are_grouped_by_lead_agency() {
        let r = report();
        let page = r.to_html(Lang::En);
        for a in &r.agencies {
            let heading = format!("<h3>{} <small>", esc(a.name.get(Lang::En)));
            assert!(page.contains(&heading), "{heading}");
        }
        // Each task appears under each of its lead agencies.
        let rows = page.matches("<tr><td>").count();
        let leads: usize = r.tasks.iter().map(|t| t.lead.len()).sum();
        assert_eq!(rows, leads);
        assert!(page.contains("tasks: "));
        // Each task shows its text beside its id.
        let task = &r.tasks[0];
        assert!(!task.text.vi.is_empty());
        assert!(page.contains(&esc(task.text.get(Lang::En))));
        assert!(!page.contains("so-nganh"));
    }
}
