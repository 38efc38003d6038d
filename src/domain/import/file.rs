//! A whole import file read: its headings, then every row, with the
//! problems of each (the first [`MAX_PROBLEMS`] kept, all counted).

use serde::{Deserialize, Serialize};

use super::columns::{Columns, HeadingProblem};
use super::{ImportRow, RowProblem, check_together, read_row};
use crate::domain::ids::TenantId;

/// Most reservations one file may hold.
pub const MAX_ROWS: usize = 100_000;

/// Most problems kept to show (all are counted).
pub const MAX_PROBLEMS: usize = 1_000;

/// Why a file cannot be read at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileProblem {
    /// Not UTF-8 text, or it holds NUL bytes.
    NotText,
    /// No heading row, or no reservation under it.
    Empty,
    /// The headings lack a column, or name one twice.
    Headings(HeadingProblem),
    /// More rows than [`MAX_ROWS`].
    TooManyRows,
    /// The CSV itself is broken (a quote never closed) at this line.
    Unreadable(u64),
}

impl FileProblem {
    /// The message ID that explains it, and the value its message names.
    pub fn message(&self) -> (&'static str, Option<(&'static str, String)>) {
        match self {
            FileProblem::NotText => ("import-file-not-text", None),
            FileProblem::Empty => ("import-file-empty", None),
            FileProblem::TooManyRows => {
                ("import-file-too-many", Some(("rows", MAX_ROWS.to_string())))
            }
            FileProblem::Unreadable(line) => {
                ("import-file-unreadable", Some(("line", line.to_string())))
            }
            FileProblem::Headings(HeadingProblem::Missing(columns)) => (
                "import-file-missing-columns",
                Some(("columns", columns.join(", "))),
            ),
            FileProblem::Headings(HeadingProblem::Twice(column)) => {
                ("import-file-column-twice", Some(("column", column.clone())))
            }
        }
    }
}

/// What reading a file found.
#[derive(Debug, Clone)]
pub struct Reading {
    /// The file's columns.
    pub columns: Columns,
    /// The rows read without a problem.
    pub rows: Vec<ImportRow>,
    /// Problems, the first [`MAX_PROBLEMS`], in the file's order.
    pub problems: Vec<RowProblem>,
    /// How many problems there are in all.
    pub problem_count: usize,
    /// Rows in the file (blank ones left out).
    pub lines: usize,
}

impl Reading {
    /// Keeps `found` (up to the limit) and counts them.
    pub fn note(&mut self, found: Vec<RowProblem>) {
        self.problem_count += found.len();
        let room = MAX_PROBLEMS.saturating_sub(self.problems.len());
        self.problems.extend(found.into_iter().take(room));
    }

    /// Keeps the problems in the file's order.
    pub fn sort(&mut self) {
        self.problems.sort_by_key(|p| p.line);
    }
}

/// The file's bytes as text: UTF-8 (a byte-order mark dropped), no NUL.
pub fn text_of(bytes: &[u8]) -> Result<&str, FileProblem> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| FileProblem::NotText)?;
    if text.contains('\0') {
        return Err(FileProblem::NotText);
    }
    Ok(text)
}

/// Reads `text`; `chosen` is the customer chosen for the whole file, and
/// `progress` hears how many rows were read, now and then.
pub fn read(
    text: &str,
    chosen: Option<TenantId>,
    progress: &mut dyn FnMut(usize),
) -> Result<Reading, FileProblem> {
    let first_line = text.lines().next().unwrap_or("");
    // Spreadsheets set to a comma-decimal language save with semicolons.
    let delimiter = if first_line.matches(';').count() > first_line.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headings = reader
        .headers()
        .map_err(|_| FileProblem::Unreadable(1))?
        .clone();
    let headings: Vec<&str> = headings.iter().collect();
    if headings.iter().all(|h| h.trim().is_empty()) {
        return Err(FileProblem::Empty);
    }
    let mut columns = Columns::of(&headings, chosen.is_some()).map_err(FileProblem::Headings)?;
    columns.decimal_comma = delimiter == b';';
    let mut reading = Reading {
        columns,
        rows: Vec::new(),
        problems: Vec::new(),
        problem_count: 0,
        lines: 0,
    };
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                return Err(FileProblem::Unreadable(line));
            }
        }
        let cells: Vec<&str> = record.iter().collect();
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        reading.lines += 1;
        if reading.lines > MAX_ROWS {
            return Err(FileProblem::TooManyRows);
        }
        let line = record.position().map_or(0, |p| p.line());
        match read_row(&reading.columns, line, &cells, chosen) {
            Ok(row) => reading.rows.push(row),
            Err(found) => reading.note(found),
        }
        if reading.lines.is_multiple_of(1_000) {
            progress(reading.lines);
        }
    }
    if reading.lines == 0 {
        return Err(FileProblem::Empty);
    }
    let together = check_together(&reading.rows, &reading.columns);
    if !together.is_empty() {
        reading.note(together);
        reading.sort();
    }
    Ok(reading)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::import::Problem;

    const HEAD: &str = "Customer tenant ID,Reservation Id,Reservation order Id,Name,Type,SKU,Region,Quantity,Term,Billing plan,Purchase date,Expiration date,Scope,Scope subscription";
    const TENANT: &str = "3f1c2a7e-9b4d-4c6e-8a2f-1d5e7b9c0a11";
    const SUB: &str = "5a6b7c8d-1e2f-4a3b-9c4d-5e6f7a8b9c0d";

    fn row(id: &str, order: &str, term: &str) -> String {
        format!(
            "{TENANT},{id},{order},Web,VirtualMachines,Standard_D2s_v3,West Europe,2,{term},Upfront,2025-01-10,2026-01-10,Single,{SUB}"
        )
    }

    #[test]
    fn a_good_file_gives_typed_rows() {
        let text = format!(
            "\u{feff}{HEAD}\n{}\n,,,\n{}\n",
            row(
                "aaaaaaaa-0000-4000-8000-000000000001",
                "bbbbbbbb-0000-4000-8000-000000000001",
                "P1Y"
            ),
            row(
                "aaaaaaaa-0000-4000-8000-000000000002",
                "bbbbbbbb-0000-4000-8000-000000000001",
                "P1Y"
            ),
        );
        let mut heard = 0;
        let reading = read(&text, None, &mut |n| heard = n).expect("read");
        assert_eq!(reading.lines, 2);
        assert_eq!(reading.problem_count, 0, "{:?}", reading.problems);
        assert_eq!(reading.rows[0].region, "westeurope");
        assert_eq!(reading.rows[1].line, 4);
        assert_eq!(heard, 0, "progress is told every thousand rows");
    }

    #[test]
    fn problems_are_named_by_line_and_column_with_what_was_typed() {
        let text = format!(
            "{HEAD}\n{}\n{}\n{}\n",
            row(
                "aaaaaaaa-0000-4000-8000-000000000001",
                "bbbbbbbb-0000-4000-8000-000000000001",
                "P1Y"
            ),
            row(
                "aaaaaaaa-0000-4000-8000-000000000001",
                "bbbbbbbb-0000-4000-8000-000000000001",
                "P1Y"
            ),
            row(
                "aaaaaaaa-0000-4000-8000-000000000003",
                "bbbbbbbb-0000-4000-8000-000000000001",
                "2 years"
            ),
        );
        let reading = read(&text, None, &mut |_| {}).expect("read");
        assert_eq!(reading.problem_count, 2);
        assert_eq!(reading.problems[0].line, 3);
        assert_eq!(reading.problems[0].problem, Problem::Duplicate(2));
        assert_eq!(reading.problems[1].line, 4);
        assert_eq!(reading.problems[1].column, "Term");
        assert_eq!(reading.problems[1].value, "2 years");
        assert_eq!(reading.problems[1].problem, Problem::NotTerm);
    }

    #[test]
    fn files_that_cannot_be_read_say_why() {
        assert_eq!(text_of(b"a\xff"), Err(FileProblem::NotText));
        assert_eq!(text_of(b"a\0b"), Err(FileProblem::NotText));
        assert_eq!(read("", None, &mut |_| {}).err(), Some(FileProblem::Empty));
        assert_eq!(
            read(&format!("{HEAD}\n"), None, &mut |_| {}).err(),
            Some(FileProblem::Empty)
        );
        let Err(FileProblem::Headings(HeadingProblem::Missing(missing))) =
            read("Name;Region\nx;y\n", None, &mut |_| {})
        else {
            panic!("headings refused");
        };
        assert!(missing.contains(&"Reservation ID".to_string()));
    }
}
