//! The parallel CSV import (nhập song song): the text is cut at record
//! boundaries ([`super::split`]), the parts are parsed on threads, and the
//! parts are merged into one snapshot in the order of the text.
//!
//! The result is the serial read's ([`Importer::run`]), row for row and
//! error for error: each part is read by the same record reader and row
//! parser, from a state that the cut makes identical to the serial reader's
//! (see `split`); the parts only collect what they read, with lines counted
//! from the part's start; the merge then does, in the order of the text,
//! everything that depends on what came before: the line numbers (shifted by
//! the newlines of the earlier parts), the row limit, the error sink and
//! its stop at the first error, the snapshot's own checks, and the duplicate
//! ids (once, over the whole snapshot, as the serial read does).

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Read};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Mutex};

use chrono::Datelike;
use csv::ByteRecord;

use super::fast::{self, Rules, Slow};
use super::read::{nfc_record, Importer, Layout, Rec, Records, RowParser, Sink};
use super::split::Scan;
use super::{col, CsvError, CsvRowError};
use crate::engine::{ScanOptions, Tally};
use crate::plan::Plan;
use crate::registry::{IdList, RegistryError, Snapshot, Used};

/// Inputs shorter than this are read on one thread (1 MiB, about 6,000
/// organisations): starting threads would cost more than it saves.
pub(super) const PARALLEL_MIN: usize = 1 << 20;

/// The size a part is cut to (it ends at the first boundary after it).
const PART_BYTES: usize = 1 << 20;

/// How far past a part's wanted end a stream is read at a time.
const READ_PAST: usize = 16 * 1024;

/// Where to cut the text.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Cuts<'c> {
    /// About every `n` bytes; read serially when the input is shorter than
    /// `min` bytes; `first`: how many bytes to read before the header is
    /// looked for.
    Every {
        /// The size of a part.
        n: usize,
        /// Below this the read is serial.
        min: usize,
        /// The bytes read first.
        first: usize,
    },
    /// At exactly these byte offsets (each must be a record boundary;
    /// offsets inside the header and past the end are ignored).
    #[cfg_attr(not(test), allow(dead_code))]
    At(&'c [usize]),
}

impl Cuts<'_> {
    /// The cuts of an ordinary read.
    pub(crate) const AUTO: Cuts<'static> = Cuts::Every {
        n: PART_BYTES,
        min: PARALLEL_MIN,
        first: PARALLEL_MIN,
    };
}

/// What a read builds of the organisations it reads.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Build<'p> {
    /// One snapshot that holds them all.
    Snapshot,
    /// A plan's tally of them (a plan the caller has validated), keeping
    /// only their ids: each part is scanned on its worker, and the merge
    /// adds the parts' tallies in order (merge equals whole).
    Tally {
        /// The plan.
        plan: &'p Plan,
        /// The scan's options.
        options: ScanOptions,
    },
}

/// What a read built.
#[derive(Debug)]
pub(crate) enum Built {
    /// The snapshot ([`Build::Snapshot`]).
    Snapshot(Box<Snapshot>),
    /// The tally ([`Build::Tally`]).
    Tally(Tally),
}

impl Built {
    /// What `build` asks of a read that built the whole `snapshot`.
    pub(crate) fn of(snapshot: Snapshot, build: Build<'_>) -> Result<Built, CsvError> {
        match build {
            Build::Snapshot => Ok(Built::Snapshot(Box::new(snapshot))),
            Build::Tally { plan, options } => Tally::scan_valid(plan, &snapshot, options)
                .map(Built::Tally)
                .map_err(|_| tally_defect()),
        }
    }

    /// The snapshot of a read asked for one.
    pub(crate) fn snapshot(self) -> Result<Snapshot, CsvError> {
        match self {
            Built::Snapshot(s) => Ok(*s),
            Built::Tally(_) => Err(tally_defect()),
        }
    }

    /// The tally of a read asked for one (every read builds what it was
    /// asked for: [`Built::of`] after a serial read).
    pub(crate) fn tally(self) -> Result<Tally, CsvError> {
        match self {
            Built::Tally(t) => Ok(t),
            Built::Snapshot(_) => Err(tally_defect()),
        }
    }
}

/// One record of a part (blank lines aside), with its line in the part.
#[derive(Debug)]
enum Event {
    /// An organisation: the next row of the part's snapshot.
    Org { line: u64 },
    /// A record with errors (none: a record the parser gave nothing for,
    /// which still counts as a row).
    Bad { line: u64, errors: Vec<CsvRowError> },
}

/// An error that ended a part, with the line of its record when the record
/// counts as a row (a field too long is found after the row limit is
/// checked).
#[derive(Debug)]
struct End {
    row: Option<u64>,
    error: CsvError,
}

/// What a worker read of one part.
#[derive(Debug)]
struct Part {
    events: Vec<Event>,
    /// The organisations of the part, one per [`Event::Org`] in order:
    /// the merge appends them to the whole snapshot
    /// ([`Snapshot::append_part`]), or only their ids ([`Build::Tally`]).
    snapshot: Snapshot,
    /// With [`Build::Tally`], the part's tally, when it was read to its
    /// end without stopping.
    tally: Option<Tally>,
    /// The line breaks of the part: what its successor's lines shift by.
    newlines: u64,
    end: Option<End>,
    /// The worker stopped at a bad row (stop-at-first mode): the merge
    /// stops there too.
    stopped: bool,
}

/// In tests, a part that holds these bytes panics in its worker.
#[cfg(test)]
pub(super) const PANIC_MARKER: &[u8] = b"<panic in worker>";

/// The `csv` reader a part falls back to (from a record boundary), and
/// where it started.
struct SlowReader<'i, 'o, 't> {
    records: Records<'i, 'o, &'t [u8]>,
    /// Its start in the part's bytes.
    start: usize,
    /// The line, in the part, it starts on.
    base: u64,
}

/// Reads the records of one part, `bytes` from `skip` on (a boundary), as
/// the serial loop of [`Importer::run`] reads them, leaving to the merge
/// what depends on earlier parts.
///
/// Lines without quotes are split in place ([`super::fast`]); any other
/// record is read by the same `csv` reader as the serial read, started at
/// the end of the previous record (a boundary, where a new reader stands
/// exactly as the one reading on would), until the next line is plain again.
fn parse(
    importer: &Importer<'_>,
    layout: &Layout,
    bytes: Vec<u8>,
    skip: usize,
    cancel: &AtomicBool,
    build: Build<'_>,
) -> Part {
    // The tests of a worker's panic: a part holding this marker panics.
    #[cfg(test)]
    if bytes
        .get(skip..)
        .unwrap_or_default()
        .windows(PANIC_MARKER.len())
        .any(|w| w == PANIC_MARKER)
    {
        panic!("a parsing worker panics (test)");
    }
    // One UTF-8 check (SIMD) for the whole part, not one per field: the
    // fast reader takes lines inside the valid prefix only, and what
    // follows it is read by `csv` (whose errors name the column).
    let source: &str = match simdutf8::compat::from_utf8(&bytes) {
        Ok(s) => s,
        Err(e) => {
            let prefix = bytes.get(..e.valid_up_to()).unwrap_or_default();
            simdutf8::basic::from_utf8(prefix).unwrap_or_default()
        }
    };
    let input: &[u8] = &bytes;
    let mut part = Part {
        // About what a generated registry needs (173 bytes a row): no
        // growing on the way.
        events: Vec::with_capacity(input.len() / 128 + 1),
        snapshot: Snapshot::new(importer.date),
        tally: None,
        newlines: 0,
        end: None,
        stopped: false,
    };
    // Ids and names are about a third of a generated row's bytes.
    part.snapshot
        .reserve_rows(input.len() / 128 + 1, input.len() / 3);
    let options = importer.options;
    let rules = Rules {
        separator: importer.format.separator.byte(),
        max_record: options.max_record_bytes,
        max_field: options.max_field_bytes,
        allowance: importer.allowance(),
    };
    let mut spans: Vec<(usize, usize)> = Vec::with_capacity(layout.width + 1);
    let mut record = ByteRecord::new();
    let mut normalised = ByteRecord::new();
    let mut errors: Vec<CsvRowError> = Vec::new();
    let year = importer.date.year();
    let id_field = layout.standard.get(col::ID).copied().flatten();
    // The next record's start, the previous record's end, the line at `pos`.
    let (mut pos, mut prev_end, mut line) = (skip, skip, 1u64);
    let mut slow: Option<SlowReader<'_, '_, '_>> = None;
    'read: loop {
        if cancel.load(Ordering::Relaxed) {
            // The merge has stopped before this part: it never looks at it.
            part.stopped = true;
            break 'read;
        }
        let (line_no, fast) = if let Some(s) = slow.as_mut() {
            match s.records.next(&mut record) {
                Ok(Some(l)) => {
                    let end = s.records.csv.position();
                    let at = s
                        .start
                        .saturating_add(usize::try_from(end.byte()).unwrap_or(0));
                    let after = s.base.saturating_add(end.line()).saturating_sub(1);
                    let l = l.saturating_add(s.base).saturating_sub(1);
                    if fast::plain_line(input, at) {
                        (pos, prev_end, line) = (at, at, after);
                        slow = None;
                    }
                    (l, false)
                }
                Ok(None) => {
                    line = s
                        .base
                        .saturating_add(s.records.csv.position().line())
                        .saturating_sub(1);
                    break 'read;
                }
                Err(error) => {
                    let by = s.base.saturating_sub(1);
                    part.end = Some(End {
                        row: None,
                        error: shift_end(error, by),
                    });
                    break 'read;
                }
            }
        } else {
            match input.get(pos) {
                None => break 'read,
                Some(b'\n') => {
                    // A blank line, which `csv` skips.
                    pos += 1;
                    line += 1;
                    continue 'read;
                }
                Some(_) => {}
            }
            match fast::line(input, pos, prev_end, source.len(), rules, &mut spans) {
                Ok(newline) => {
                    let l = line;
                    (pos, prev_end, line) = (newline + 1, newline + 1, line + 1);
                    let blank = match spans.as_slice() {
                        [(a, b)] => input.get(*a..*b).is_some_and(|f| f.trim_ascii().is_empty()),
                        _ => false,
                    };
                    if blank {
                        continue 'read;
                    }
                    (l, true)
                }
                Err(Slow::Csv) => {
                    // Only `\n`s (blank lines) lie between the previous
                    // record's end and `pos`.
                    let base = line.saturating_sub((pos - prev_end) as u64);
                    slow = Some(SlowReader {
                        records: importer
                            .records_buffered(input.get(prev_end..).unwrap_or_default(), 4096),
                        start: prev_end,
                        base,
                    });
                    continue 'read;
                }
            }
        };
        let line = line_no;
        let (current, width) = if fast {
            (
                Rec::Spans {
                    text: source,
                    spans: &spans,
                },
                spans.len(),
            )
        } else {
            if record.as_slice().len() > options.max_field_bytes {
                if let Err(error) = importer.check_fields(&record, layout, line) {
                    part.end = Some(End {
                        row: Some(line),
                        error,
                    });
                    break 'read;
                }
            }
            let current = if nfc_record(&record, &mut normalised, id_field) {
                &normalised
            } else {
                &record
            };
            (Rec::Csv(current), record.len())
        };
        if width != layout.width {
            part.events.push(Event::Bad {
                line,
                errors: vec![CsvRowError::FieldCount {
                    line,
                    expected: layout.width,
                    found: width,
                }],
            });
            if !options.collect_all {
                part.stopped = true;
                break 'read;
            }
            continue 'read;
        }
        let mut parser = RowParser {
            record: current,
            layout,
            line,
            errors: &mut errors,
        };
        let org = parser.cooperative(year);
        if !errors.is_empty() {
            part.events.push(Event::Bad {
                line,
                errors: std::mem::take(&mut errors),
            });
            if !options.collect_all {
                part.stopped = true;
                break 'read;
            }
            continue 'read;
        }
        match org {
            Some(org) => match part.snapshot.push_unindexed(&org) {
                Ok(()) => part.events.push(Event::Org { line }),
                Err(source) => {
                    // What the snapshot refuses here, the whole snapshot
                    // refuses at this row too (its limits are reached
                    // sooner with the rows before the part).
                    part.events.push(Event::Bad {
                        line,
                        errors: vec![CsvRowError::Rejected { line, source }],
                    });
                    if !options.collect_all {
                        part.stopped = true;
                        break 'read;
                    }
                }
            },
            None => part.events.push(Event::Bad {
                line,
                errors: Vec::new(),
            }),
        }
    }
    // Every byte read: the line breaks are one fewer than the line.
    part.newlines = line.saturating_sub(1);
    if let Build::Tally { plan, options } = build {
        // A part that ended early makes the read fail: no tally is needed.
        if part.end.is_none() && !part.stopped {
            part.tally = Tally::scan_part(plan, &part.snapshot, options).ok();
        }
    }
    part
}

/// `e` with its line `by` lines further.
fn shift_row(e: &mut CsvRowError, by: u64) {
    match e {
        CsvRowError::Value { line, .. }
        | CsvRowError::DuplicateId { line, .. }
        | CsvRowError::FieldCount { line, .. }
        | CsvRowError::InvalidUtf8 { line, .. }
        | CsvRowError::Rejected { line, .. } => *line = line.saturating_add(by),
    }
}

/// A part's final error with its line `by` lines further. Only these carry
/// a line: a part is read from memory, so the reader's only other error
/// (an I/O failure) cannot happen.
fn shift_end(mut e: CsvError, by: u64) -> CsvError {
    match &mut e {
        CsvError::RecordTooLong { line, .. } | CsvError::FieldTooLong { line, .. } => {
            *line = line.saturating_add(by);
        }
        CsvError::Row(row) => shift_row(row, by),
        _ => {}
    }
    e
}

/// Whether the merge goes on.
enum Flow {
    Go,
    Stop,
}

/// What the parts are merged into (one a read: its size does not matter).
#[allow(clippy::large_enum_variant)]
enum Building<'p> {
    /// The whole snapshot.
    Snapshot(Snapshot),
    /// The plan's tally, and the ids.
    Tally(TallyMerge<'p>),
}

/// The parts merged so far into a plan's tally ([`Build::Tally`]).
struct TallyMerge<'p> {
    plan: &'p Plan,
    options: ScanOptions,
    date: chrono::NaiveDate,
    /// The parts' tallies added up (none before the first organisation).
    tally: Option<Tally>,
    /// Every organisation's id, to find an id used twice.
    ids: IdList,
    /// The room the organisations would take in one snapshot: the read
    /// refuses what the snapshot read would refuse.
    used: Used,
    /// The wrapping sum of the ids' fingerprints ([`Snapshot::fingerprint`]).
    fingerprint: u64,
}

impl TallyMerge<'_> {
    /// Adds the first `taken` organisations of `part`, which fit; its
    /// tally when they are all of it and it was read to its end.
    fn add(&mut self, part: &mut Part, taken: usize) -> Result<(), CsvError> {
        if !self.ids.extend_from(&part.snapshot, taken) {
            return Err(part_defect());
        }
        self.used.add(&part.snapshot.used(taken));
        let complete = taken == part.snapshot.len() && part.end.is_none() && !part.stopped;
        // A part taken only in part, or ended early, makes the read fail:
        // its tally is never needed.
        if !complete || taken == 0 {
            return Ok(());
        }
        self.fingerprint = self.fingerprint.wrapping_add(part.snapshot.fingerprint());
        let Some(tally) = part.tally.take() else {
            return Err(tally_defect());
        };
        match &mut self.tally {
            Some(whole) => whole.merge(&tally).map_err(|_| tally_defect()),
            None => {
                self.tally = Some(tally);
                Ok(())
            }
        }
    }

    /// The tally of every organisation, as the scan of one snapshot of
    /// them records it.
    fn finish(self) -> Result<Tally, CsvError> {
        let mut tally = match self.tally {
            Some(t) => t,
            None if self.ids.len() == 0 => {
                Tally::scan_part(self.plan, &Snapshot::new(self.date), self.options)
                    .map_err(|_| tally_defect())?
            }
            None => return Err(tally_defect()),
        };
        tally.set_source(self.ids.len() as u64, self.fingerprint);
        Ok(tally)
    }
}

/// The parts merged so far.
struct Merge<'p> {
    building: Building<'p>,
    /// The line of each organisation of the snapshot.
    lines: Vec<u64>,
    sink: Sink,
    rows: u64,
    max_rows: u64,
    /// The line breaks before the next part.
    base: u64,
}

impl Merge<'_> {
    fn part(&mut self, mut part: Part) -> Result<Flow, CsvError> {
        let by = self.base;
        // The part's organisations are appended at once, when they fit
        // beside the snapshot's (always but near its limits of 2^31 rows
        // or 4 GiB of ids or names); else each is pushed as the serial
        // read pushes it, to be refused where the snapshot is full. A
        // tally refuses every organisation of a part that does not fit.
        let whole = match &self.building {
            Building::Snapshot(s) => s.part_fits(&part.snapshot, usize::MAX),
            Building::Tally(t) => t.used.fits_with(&part.snapshot.used(usize::MAX)),
        };
        // The organisations of the part met so far.
        let mut taken = 0usize;
        let mut flow = Flow::Go;
        'events: for event in &part.events {
            let line = match event {
                Event::Org { line } | Event::Bad { line, .. } => line.saturating_add(by),
            };
            if self.rows >= self.max_rows {
                return Err(CsvError::TooManyRows {
                    line,
                    max: self.max_rows,
                });
            }
            self.rows += 1;
            match event {
                Event::Bad { errors, .. } => {
                    let mut stop = false;
                    for e in errors {
                        let mut e = e.clone();
                        shift_row(&mut e, by);
                        stop |= self.sink.push(e);
                    }
                    if stop {
                        flow = Flow::Stop;
                        break 'events;
                    }
                }
                Event::Org { .. } if whole => {
                    self.lines.push(line);
                    taken += 1;
                }
                Event::Org { .. } => {
                    let org = part.snapshot.input_at(taken);
                    taken += 1;
                    let pushed = match (&mut self.building, org) {
                        (_, None) => return Err(part_defect()),
                        (Building::Snapshot(s), Some(org)) => s.push_unindexed(&org),
                        (Building::Tally(_), Some(_)) => Err(RegistryError::Full {
                            max: Snapshot::MAX_ORGS,
                        }),
                    };
                    match pushed {
                        Ok(()) => self.lines.push(line),
                        Err(source) => {
                            if self.sink.push(CsvRowError::Rejected { line, source }) {
                                flow = Flow::Stop;
                                break 'events;
                            }
                        }
                    }
                }
            }
        }
        // Stopped inside the part, only the organisations before the stop
        // are the serial read's.
        if whole {
            match &mut self.building {
                Building::Snapshot(s) => {
                    if !s.append_part(&part.snapshot, taken) {
                        return Err(part_defect());
                    }
                }
                Building::Tally(t) => t.add(&mut part, taken)?,
            }
        }
        if let Flow::Stop = flow {
            return Ok(Flow::Stop);
        }
        if let Some(End { row, error }) = part.end {
            if let Some(row) = row {
                if self.rows >= self.max_rows {
                    return Err(CsvError::TooManyRows {
                        line: row.saturating_add(by),
                        max: self.max_rows,
                    });
                }
            }
            return Err(shift_end(error, by));
        }
        if part.stopped {
            // A worker stops early only at a bad row, where the sink has
            // just stopped the merge too; anything else is a defect here.
            return Err(CsvError::Io {
                kind: io::ErrorKind::Other,
                message: "internal error of the parallel import: a part ended early without \
                          an error (lỗi nội bộ khi nhập song song)"
                    .into(),
            });
        }
        self.base = self.base.saturating_add(part.newlines);
        Ok(Flow::Go)
    }

    /// The snapshot, after the duplicate ids are found (as the serial read
    /// finds them: once, over every row read).
    fn finish(mut self) -> Result<Built, CsvError> {
        let lines = &self.lines;
        let line_of = |i: usize| lines.get(i).copied().unwrap_or(0);
        // The ids used twice, with the id of each second use.
        let duplicates: Vec<(usize, usize, String)> = match &mut self.building {
            Building::Snapshot(snapshot) => {
                let pairs = snapshot.rebuild_index();
                pairs
                    .into_iter()
                    .map(|(at, first)| {
                        (at, first, snapshot.id_at(at).unwrap_or_default().to_owned())
                    })
                    .collect()
            }
            Building::Tally(t) => t
                .ids
                .duplicates()
                .into_iter()
                .map(|(at, first)| (at, first, t.ids.get(at).to_owned()))
                .collect(),
        };
        for (at, first, id) in duplicates {
            self.sink.push(CsvRowError::DuplicateId {
                line: line_of(at),
                id,
                first_line: line_of(first),
            });
        }
        self.sink.finish()?;
        match self.building {
            Building::Snapshot(snapshot) => Ok(Built::Snapshot(Box::new(snapshot))),
            Building::Tally(t) => t.finish().map(Built::Tally),
        }
    }
}

/// The text read so far and where the next part starts.
struct Chunker<'c, R> {
    reader: R,
    buf: Vec<u8>,
    /// The offset in the whole text of `buf[0]`.
    offset: usize,
    /// Where the next part starts in `buf`.
    start: usize,
    /// Bytes at the start of the next part already read (the header).
    skip: usize,
    eof: bool,
    scan: Scan,
    separator: u8,
    cuts: Cuts<'c>,
    allowance: u64,
    /// An error of the input, returned after the parts before it.
    failed: Option<CsvError>,
    done: bool,
    /// The capacity of a new buffer.
    block: usize,
}

impl<R: Read> Chunker<'_, R> {
    /// Reads up to `n` more bytes; false at the end of the input.
    fn fill(&mut self, n: usize) -> io::Result<bool> {
        if self.start > self.buf.len() / 2 && self.start >= PARALLEL_MIN {
            // Drop what was handed out, so the buffer stays small.
            self.buf.drain(..self.start);
            self.offset += self.start;
            self.scan.rebase(self.start);
            self.start = 0;
        }
        let got = (&mut self.reader)
            .take(n as u64)
            .read_to_end(&mut self.buf)?;
        if got == 0 {
            self.eof = true;
        }
        Ok(got > 0)
    }

    /// Where the next cut is wanted, in `buf`.
    fn target(&self) -> usize {
        match self.cuts {
            Cuts::Every { n, .. } => self.start + self.skip + n.max(1),
            Cuts::At(at) => {
                let from = self.offset + self.start + self.skip;
                at.iter()
                    .copied()
                    .filter(|&c| c > from)
                    .min()
                    .map_or(usize::MAX, |c| c - self.offset)
            }
        }
    }

    /// The last boundary in `buf` from the next part's start.
    fn last_boundary(&self) -> usize {
        let mut scan = Scan::at(self.start + self.skip);
        let mut last = self.start;
        while let Some(b) = scan.next_boundary(
            &self.buf,
            self.separator,
            last.max(self.start + self.skip) + 1,
            false,
        ) {
            last = b;
        }
        last
    }

    /// Hands out `buf[start..end]` as the next part.
    fn cut(&mut self, end: usize) -> (Vec<u8>, usize) {
        let skip = self.skip;
        self.skip = 0;
        let end = end.min(self.buf.len());
        let tail = self.buf.len() - end;
        if self.start == 0 && tail <= end {
            // A stream: the buffer becomes the part, the few bytes after
            // the cut start the next buffer.
            let mut next = Vec::with_capacity(self.block.saturating_add(tail));
            next.extend_from_slice(self.buf.get(end..).unwrap_or_default());
            self.buf.truncate(end);
            let bytes = std::mem::replace(&mut self.buf, next);
            self.offset += end;
            self.scan.rebase(end);
            return (bytes, skip);
        }
        // Text already in memory: the part is copied out.
        let bytes = self.buf.get(self.start..end).unwrap_or_default().to_vec();
        self.start = end;
        (bytes, skip)
    }

    /// The next part and how many of its first bytes to skip; `None` at
    /// the end.
    fn next(&mut self) -> Result<Option<(Vec<u8>, usize)>, CsvError> {
        if self.done {
            return match self.failed.take() {
                Some(e) => Err(e),
                None => Ok(None),
            };
        }
        loop {
            let target = self.target();
            if let Some(b) = self
                .scan
                .next_boundary(&self.buf, self.separator, target, self.eof)
            {
                if let Cuts::At(_) = self.cuts {
                    if b != target {
                        return Err(not_a_boundary(target.saturating_add(self.offset)));
                    }
                }
                return Ok(Some(self.cut(b)));
            }
            if self.eof {
                if let Cuts::At(_) = self.cuts {
                    let wanted = target.saturating_add(self.offset);
                    if target != usize::MAX && target < self.buf.len() {
                        return Err(not_a_boundary(wanted));
                    }
                }
                self.done = true;
                let end = self.buf.len();
                return Ok(Some(self.cut(end)));
            }
            // No boundary after the target and more than a record's room
            // past it: the record there is too long, which its part's
            // reader finds as the serial reader does.
            if self.buf.len() as u64 > (target as u64).saturating_add(self.allowance) {
                self.done = true;
                let end = self.buf.len();
                return Ok(Some(self.cut(end)));
            }
            // Read up to a little past the target: the cut is near it, and
            // what follows the cut is copied to the next buffer.
            let want = match self.cuts {
                Cuts::Every { .. } => target
                    .saturating_sub(self.buf.len())
                    .saturating_add(READ_PAST),
                Cuts::At(_) => PART_BYTES,
            };
            if let Err(e) = self.fill(want) {
                // The records complete before the failure are read first,
                // as the serial reader reads them.
                self.done = true;
                self.failed = Some(e.into());
                let end = self.last_boundary();
                return Ok(Some(self.cut(end)));
            }
        }
    }
}

fn not_a_boundary(at: usize) -> CsvError {
    CsvError::Io {
        kind: io::ErrorKind::InvalidInput,
        message: format!("split point {at} is not at a record boundary"),
    }
}

/// The header's layout, where the data starts and the line breaks before
/// it, if the header is read whole from `buf` without any error; `None`
/// otherwise (the serial read then reports what is wrong).
fn header(importer: &Importer<'_>, buf: &[u8]) -> Option<(Layout, usize, u64)> {
    let mut records = importer.records(buf);
    let mut record = ByteRecord::new();
    records.next(&mut record).ok()??;
    let end = records.csv.position();
    let (h, line) = (usize::try_from(end.byte()).ok()?, end.line());
    // Ended by its own line break inside what was read: a boundary (the
    // scan does not take the end of `buf` for the end of the text).
    let separator = importer.format.separator.byte();
    if Scan::at(0).next_boundary(buf, separator, h, false) != Some(h) {
        return None;
    }
    let mut normalised = ByteRecord::new();
    let header = if nfc_record(&record, &mut normalised, None) {
        &normalised
    } else {
        &record
    };
    let layout = Layout::from_header(header, importer.options, importer.format).ok()?;
    Some((layout, h, line.saturating_sub(1)))
}

/// Reads the CSV text `start` followed by `reader` as [`Importer::run`]
/// does, on `threads` threads, cut as `cuts` says.
pub(super) fn run<R: Read>(
    importer: &Importer<'_>,
    start: Vec<u8>,
    reader: R,
    threads: usize,
    cuts: Cuts<'_>,
    build: Build<'_>,
) -> Result<(Built, BTreeSet<String>), CsvError> {
    let mut chunker = Chunker {
        reader,
        buf: start,
        offset: 0,
        start: 0,
        skip: 0,
        eof: false,
        scan: Scan::at(0),
        separator: importer.format.separator.byte(),
        cuts,
        allowance: importer.allowance(),
        failed: None,
        done: false,
        block: match cuts {
            Cuts::Every { n, .. } => n.saturating_add(2 * READ_PAST).min(1 << 26),
            Cuts::At(_) => 0,
        },
    };
    let (first, min) = match cuts {
        Cuts::Every { first, min, .. } => (first, min),
        Cuts::At(_) => (usize::MAX, 0),
    };
    while chunker.buf.len() < first && !chunker.eof {
        let want = first.saturating_sub(chunker.buf.len()).min(PART_BYTES);
        chunker.fill(want)?;
    }
    let serial = |chunker: Chunker<'_, R>| {
        let (snapshot, columns) =
            importer.run(io::Cursor::new(chunker.buf).chain(chunker.reader))?;
        Ok((Built::of(snapshot, build)?, columns))
    };
    if chunker.eof && chunker.buf.len() < min {
        return serial(chunker);
    }
    let Some((layout, h, base)) = header(importer, &chunker.buf) else {
        return serial(chunker);
    };
    chunker.skip = h;
    chunker.scan = Scan::at(h);
    let building = match build {
        Build::Snapshot => Building::Snapshot(Snapshot::new(importer.date)),
        Build::Tally { plan, options } => Building::Tally(TallyMerge {
            plan,
            options,
            date: importer.date,
            tally: None,
            ids: IdList::default(),
            used: Used::default(),
            fingerprint: 0,
        }),
    };
    let mut merge = Merge {
        building,
        lines: Vec::new(),
        sink: Sink {
            collect_all: importer.options.collect_all,
            max: importer.options.max_errors,
            kept: Vec::new(),
            total: 0,
        },
        rows: 0,
        max_rows: importer.options.max_rows,
        base,
    };
    let cancel = AtomicBool::new(false);
    if threads <= 1 {
        while let Some((bytes, skip)) = chunker.next()? {
            let part = parse(importer, &layout, bytes, skip, &cancel, build);
            if let Flow::Stop = merge.part(part)? {
                break;
            }
        }
    } else {
        threaded(importer, &layout, &mut chunker, &mut merge, threads, build)?;
    }
    let columns = layout.columns();
    Ok((merge.finish()?, columns))
}

/// The parts parsed on `threads` workers while this thread cuts the text
/// and merges the parts in order.
fn threaded<R: Read>(
    importer: &Importer<'_>,
    layout: &Layout,
    chunker: &mut Chunker<'_, R>,
    merge: &mut Merge<'_>,
    threads: usize,
    build: Build<'_>,
) -> Result<(), CsvError> {
    let cancel = AtomicBool::new(false);
    // At most this many parts are out (read, queued, parsed, waiting).
    let ahead = 2 * threads + 2;
    let (work_tx, work_rx) = mpsc::sync_channel::<(usize, Vec<u8>, usize)>(ahead);
    let work_rx = Mutex::new(work_rx);
    // A part is `None` when its worker panicked: the merge then stops at
    // once instead of waiting for a part that never comes, and the scope
    // raises the worker's panic again in the caller.
    let (done_tx, done_rx) = mpsc::channel::<(usize, Option<Part>)>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let done_tx = done_tx.clone();
            let (work_rx, cancel) = (&work_rx, &cancel);
            scope.spawn(move || loop {
                let job = match work_rx.lock() {
                    Ok(rx) => rx.recv(),
                    Err(_) => break,
                };
                let Ok((index, bytes, skip)) = job else { break };
                let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    parse(importer, layout, bytes, skip, cancel, build)
                }));
                match parsed {
                    Ok(part) => {
                        if done_tx.send((index, Some(part))).is_err() {
                            break;
                        }
                    }
                    Err(panic) => {
                        cancel.store(true, Ordering::Relaxed);
                        let _ = done_tx.send((index, None));
                        std::panic::resume_unwind(panic);
                    }
                }
            });
        }
        drop(done_tx);
        let mut pending: BTreeMap<usize, Part> = BTreeMap::new();
        let (mut sent, mut merged) = (0usize, 0usize);
        // Merges the parts that are next in order; `Some` when the merge
        // ends (stopped, or failed).
        let mut take = |pending: &mut BTreeMap<usize, Part>,
                        merged: &mut usize|
         -> Option<Result<(), CsvError>> {
            while let Some(part) = pending.remove(merged) {
                *merged += 1;
                match merge.part(part) {
                    Ok(Flow::Go) => {}
                    Ok(Flow::Stop) => return Some(Ok(())),
                    Err(e) => return Some(Err(e)),
                }
            }
            None
        };
        let mut outcome: Option<Result<(), CsvError>> = None;
        let mut input_error: Option<CsvError> = None;
        'produce: loop {
            match chunker.next() {
                Ok(Some((bytes, skip))) => {
                    if work_tx.send((sent, bytes, skip)).is_err() {
                        break 'produce;
                    }
                    sent += 1;
                }
                Ok(None) => break 'produce,
                Err(e) => {
                    input_error = Some(e);
                    break 'produce;
                }
            }
            while sent - merged >= ahead {
                let Ok((index, part)) = done_rx.recv() else {
                    break 'produce;
                };
                let Some(part) = part else {
                    outcome = Some(Err(worker_panicked()));
                    break 'produce;
                };
                pending.insert(index, part);
                if let Some(end) = take(&mut pending, &mut merged) {
                    outcome = Some(end);
                    break 'produce;
                }
            }
        }
        drop(work_tx);
        if outcome.is_some() {
            cancel.store(true, Ordering::Relaxed);
        }
        while outcome.is_none() && merged < sent {
            let Ok((index, part)) = done_rx.recv() else {
                break;
            };
            let Some(part) = part else {
                outcome = Some(Err(worker_panicked()));
                break;
            };
            pending.insert(index, part);
            outcome = take(&mut pending, &mut merged);
        }
        // Workers still busy on parts past the end skip what is left.
        cancel.store(true, Ordering::Relaxed);
        match outcome {
            Some(result) => result,
            None => match input_error {
                Some(e) => Err(e),
                None if merged < sent => Err(worker_panicked()),
                None => Ok(()),
            },
        }
    })
}

/// A part that does not hold what its events say (a defect here).
fn part_defect() -> CsvError {
    CsvError::Io {
        kind: io::ErrorKind::Other,
        message: "internal error of the parallel import: a part holds fewer \
                  organisations than it read (lỗi nội bộ khi nhập song song)"
            .into(),
    }
}

/// A part's tally that cannot be made or added (a defect here: the plan
/// was validated and every part's tally is of it).
fn tally_defect() -> CsvError {
    CsvError::Io {
        kind: io::ErrorKind::Other,
        message: "internal error of the parallel import: a part's tally could not be \
                  added (lỗi nội bộ khi nhập song song)"
            .into(),
    }
}

/// A worker ended without its part (it panicked: the scope raises that
/// panic again in the caller, after this error stopped the merge).
fn worker_panicked() -> CsvError {
    CsvError::Io {
        kind: io::ErrorKind::Other,
        message: "internal error of the parallel import: a worker ended without \
                  its part (lỗi nội bộ khi nhập song song)"
            .into(),
    }
}
