//! The line editor's helper: Tab asks the driver for completions
//! (`Interactive::completions`) and rustyline shows them. Hints, highlighting and
//! validation keep rustyline's defaults (none).

use std::rc::Rc;

use mempy_driver::Interactive;
use rustyline::completion::Completer;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::validate::Validator;
use rustyline::{Context, Helper};

/// Completes from the session's namespace.
pub struct SessionHelper(pub Rc<Interactive>);

impl Completer for SessionHelper {
    type Candidate = String;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<String>)> {
        Ok(self.0.completions(line, pos))
    }
}

impl Hinter for SessionHelper {
    type Hint = String;
}

impl Highlighter for SessionHelper {}

impl Validator for SessionHelper {}

impl Helper for SessionHelper {}
