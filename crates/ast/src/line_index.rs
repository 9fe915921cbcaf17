//! Line and column lookup for byte offsets.
//!
//! CPython reports 1-based line numbers and, in tracebacks and SyntaxErrors, columns
//! counted in characters. A [`LineIndex`] is built once per source text and answers
//! both in `O(log lines)`.

/// A 1-based line number and a 0-based column counted in bytes from the line start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

/// The start offset of every line of one source text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<u32>,
}

impl LineIndex {
    /// Indexes `source`; `\n`, `\r\n` and a lone `\r` all end a line.
    pub fn new(source: &str) -> LineIndex {
        let bytes = source.as_bytes();
        let mut line_starts = vec![0u32];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => line_starts.push(i as u32 + 1),
                b'\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    line_starts.push(i as u32 + 1);
                }
                _ => {}
            }
            i += 1;
        }
        LineIndex { line_starts }
    }

    /// The line and byte column of `offset`.
    pub fn line_col(&self, offset: u32) -> LineCol {
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        LineCol {
            line: line as u32 + 1,
            col: offset - self.line_starts[line],
        }
    }

    /// The byte offset where 1-based `line` starts, if the source has that line.
    pub fn line_start(&self, line: u32) -> Option<u32> {
        self.line_starts.get(line.checked_sub(1)? as usize).copied()
    }

    /// The number of lines (a trailing newline does not open an extra line of text,
    /// but it is counted as CPython counts it: the empty remainder is a line).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The text of 1-based `line` without its line terminator.
    pub fn line_text<'s>(&self, source: &'s str, line: u32) -> Option<&'s str> {
        let start = self.line_start(line)? as usize;
        let end = self
            .line_start(line + 1)
            .map(|e| e as usize)
            .unwrap_or(source.len());
        Some(source.get(start..end)?.trim_end_matches(['\n', '\r']))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns() {
        let src = "a = 1\r\nbb\rc\n";
        let idx = LineIndex::new(src);
        assert_eq!(idx.line_col(0), LineCol { line: 1, col: 0 });
        assert_eq!(idx.line_col(7), LineCol { line: 2, col: 0 });
        assert_eq!(idx.line_col(10), LineCol { line: 3, col: 0 });
        assert_eq!(idx.line_text(src, 1), Some("a = 1"));
        assert_eq!(idx.line_text(src, 2), Some("bb"));
        assert_eq!(idx.line_text(src, 3), Some("c"));
    }
}
