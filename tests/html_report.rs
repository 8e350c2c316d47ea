//! The HTML report of the bundled sample, rendered end to end in headless
//! Chromium (Debian's package `chromium`): the screenshot is the expected
//! size, not blank, and shows the colours of the sample's statuses; printing
//! gives A4 pages.
//!
//! Skips with a message when `chromium` is missing, unless
//! `HOPTAC_REQUIRE_CHROMIUM=1` (set by .ci/run, which installs it).
//! `HOPTAC_WRITE_SCREENSHOT=1` rewrites the README's screenshot,
//! doc/report-sample.png; `HOPTAC_KEEP_RENDERS=1` keeps the page, the
//! screenshot and the PDF and says where.
#![cfg(all(feature = "csv", feature = "json"))]

mod report_common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use hoptac::Lang;
use report_common::{root, sample_report};

const REQUIRE: &str = "HOPTAC_REQUIRE_CHROMIUM";
const WRITE: &str = "HOPTAC_WRITE_SCREENSHOT";
/// Set to keep the page, the screenshot and the PDF, to look at them.
const KEEP: &str = "HOPTAC_KEEP_RENDERS";
/// The screenshot's size: the top of the page, small enough for the README.
const WIDTH: u32 = 860;
const HEIGHT: u32 = 1100;

/// Whether Chromium can be used; a message and `false` when the test is
/// to be skipped.
fn chromium_available() -> bool {
    let found = Command::new("chromium")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if found {
        return true;
    }
    if std::env::var(REQUIRE).is_ok_and(|v| v == "1") {
        panic!("{REQUIRE}=1 but `chromium` is not on PATH: install Debian's package `chromium`");
    }
    eprintln!(
        "skipped: the HTML report's end-to-end test needs headless Chromium \
         (Debian's package `chromium`: apt-get install chromium); \
         set {REQUIRE}=1 to make it required"
    );
    false
}

/// Runs headless Chromium on `page` with `args`, killing it after two
/// minutes.
fn chromium(page: &Path, profile: &Path, args: &[String]) {
    let mut child = Command::new("chromium")
        .args([
            "--headless",
            "--disable-gpu",
            "--no-sandbox",
            "--no-first-run",
            "--disable-extensions",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chromium starts");
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait for chromium") {
            if !status.success() {
                let mut err = String::new();
                if let Some(mut e) = child.stderr.take() {
                    let _ = std::io::Read::read_to_string(&mut e, &mut err);
                }
                panic!("chromium {args:?} failed with {status}:\n{err}");
            }
            return;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium {args:?} did not finish in 120 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn rgb(hex: &str) -> [u8; 3] {
    let v = u32::from_str_radix(hex.trim_start_matches('#'), 16).expect("a colour");
    [(v >> 16) as u8, (v >> 8) as u8, v as u8]
}

/// The colours the page gives the statuses (the CSS of each `s-{status}`).
fn status_colour(page: &str, code: &str) -> [u8; 3] {
    let key = format!(".s-{code}{{--c:");
    let at = page.find(&key).expect("a status colour in the CSS") + key.len();
    rgb(&page[at..at + 7])
}

struct Screenshot {
    width: u32,
    height: u32,
    /// RGB, row by row.
    pixels: Vec<[u8; 3]>,
}

fn decode(path: &Path) -> Screenshot {
    let decoder = png::Decoder::new(std::fs::File::open(path).expect("the screenshot"));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).expect("a frame");
    let channels = match info.color_type {
        png::ColorType::Rgb => 3,
        png::ColorType::Rgba => 4,
        other => panic!("unexpected PNG colour type {other:?}"),
    };
    assert_eq!(info.bit_depth, png::BitDepth::Eight);
    let pixels = buf[..info.buffer_size()]
        .chunks_exact(channels)
        .map(|p| [p[0], p[1], p[2]])
        .collect();
    Screenshot {
        width: info.width,
        height: info.height,
        pixels,
    }
}

fn near(a: [u8; 3], b: [u8; 3]) -> bool {
    a.iter().zip(b).all(|(x, y)| x.abs_diff(y) <= 4)
}

#[test]
fn the_sample_report_renders_in_chromium_and_prints_on_a4() {
    let report = sample_report();
    let html = report.to_html(Lang::Vi);
    if !chromium_available() {
        return;
    }
    let dir = std::env::temp_dir().join(format!("hoptac-html-report-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let page = dir.join("report.html");
    std::fs::write(&page, &html).expect("write the page");
    let profile = dir.join("profile");

    // The screenshot: the expected size, not blank, the statuses' colours.
    let shot = dir.join("report.png");
    chromium(
        &page,
        &profile,
        &[
            format!("--screenshot={}", shot.display()),
            format!("--window-size={WIDTH},{HEIGHT}"),
        ],
    );
    let image = decode(&shot);
    assert_eq!((image.width, image.height), (WIDTH, HEIGHT));
    let white = image
        .pixels
        .iter()
        .filter(|p| near(**p, [255, 255, 255]))
        .count();
    let inked = image.pixels.len() - white;
    assert!(
        inked * 100 > image.pixels.len() * 3,
        "only {inked} of {} pixels are not white: is the page blank?",
        image.pixels.len()
    );
    let mut statuses: Vec<&str> = report.targets.iter().map(|t| t.status.code()).collect();
    statuses.sort_unstable();
    statuses.dedup();
    assert!(
        statuses.len() >= 4,
        "the sample shows several statuses: {statuses:?}"
    );
    for code in &statuses {
        let colour = status_colour(&html, code);
        let n = image.pixels.iter().filter(|p| near(**p, colour)).count();
        assert!(
            n >= 100,
            "status `{code}`: only {n} pixels of its colour {colour:?} in the screenshot"
        );
    }

    // Printing: A4 pages, more than one for the sample's 14 targets and 28 tasks.
    let pdf_path = dir.join("report.pdf");
    chromium(
        &page,
        &profile,
        &[
            format!("--print-to-pdf={}", pdf_path.display()),
            "--no-pdf-header-footer".to_owned(),
        ],
    );
    let pdf = std::fs::read(&pdf_path).expect("the PDF");
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    let text = String::from_utf8_lossy(&pdf);
    let pages = text.matches("/Type /Page").count() - text.matches("/Type /Pages").count();
    assert!(pages >= 2, "{pages} pages printed");
    println!("printed on {pages} A4 pages ({} bytes of PDF)", pdf.len());
    let boxes: Vec<&str> = text
        .match_indices("/MediaBox [")
        .map(|(i, _)| {
            let rest = &text[i + 11..];
            &rest[..rest.find(']').unwrap_or(0)]
        })
        .collect();
    assert_eq!(boxes.len(), pages, "one media box per page");
    for b in &boxes {
        let v: Vec<f64> = b
            .split_whitespace()
            .filter_map(|x| x.parse().ok())
            .collect();
        // A4 is 210 × 297 mm: 595.3 × 841.9 points.
        assert!(
            v.len() == 4 && (v[2] - 595.3).abs() < 2.0 && (v[3] - 841.9).abs() < 2.0,
            "a page of {b} points, not A4"
        );
    }

    let committed = root().join("doc/report-sample.png");
    if std::env::var(WRITE).is_ok_and(|v| v == "1") {
        std::fs::create_dir_all(root().join("doc")).expect("doc/");
        std::fs::copy(&shot, &committed).expect("write doc/report-sample.png");
        println!("wrote {}", committed.display());
    }
    let kept = decode(&committed);
    assert_eq!(
        (kept.width, kept.height),
        (WIDTH, HEIGHT),
        "doc/report-sample.png"
    );
    let size = std::fs::metadata(&committed)
        .expect("doc/report-sample.png")
        .len();
    assert!(size < 300_000, "doc/report-sample.png is {size} bytes");
    if std::env::var_os(KEEP).is_some() {
        println!("the page, screenshot and PDF are in {}", dir.display());
    } else {
        let _ = std::fs::remove_dir_all(&dir);
    }
}
