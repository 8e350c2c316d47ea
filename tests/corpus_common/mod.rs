//! What the corpus tests share: reading a table of real phrases, each row
//! with its source, its text and what it must read as.
#![allow(dead_code)]

/// A row of a corpus table: source, text, expected.
pub struct Row {
    /// Where the text was found: a URL or a seed file.
    pub source: String,
    /// The text (`\n` in the table stands for a line break).
    pub text: String,
    /// What it must read as, or `!` when it must be refused.
    pub expected: String,
}

/// The rows of `tests/data/corpus/{name}`, comments and blank lines left out.
pub fn rows(name: &str) -> Vec<Row> {
    let path = format!("{}/tests/data/corpus/{name}", env!("CARGO_MANIFEST_DIR"));
    let data = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    data.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let mut cols = l.split('\t');
            let (Some(source), Some(text), Some(expected), None) =
                (cols.next(), cols.next(), cols.next(), cols.next())
            else {
                panic!("{name}: a row needs three columns: {l}");
            };
            Row {
                source: source.to_owned(),
                text: text.replace("\\n", "\n"),
                expected: expected.to_owned(),
            }
        })
        .collect()
}
