//! What the commands say on standard error, in one format: `error:` lines with their `hint:`s.
//!
//! Every command builds a [`Report`] and prints it here (or hands its text to a batch
//! that prints it in one block); no command writes to standard error itself.

use super::Status;
use std::fmt;

/// One error for standard error: where, what, and what would help.
#[derive(Debug, Clone)]
pub struct Report {
    /// The file (or other place) the error is about, printed before `error:`.
    place: Option<String>,
    /// What is wrong; a message of several lines keeps its lines.
    message: String,
    /// Lines listed under the message, indented (the places a name could mean).
    details: Vec<String>,
    /// What would help, each printed as `  hint: …`.
    hints: Vec<String>,
}

impl Report {
    /// An error saying `message`.
    pub fn error(message: impl fmt::Display) -> Report {
        Report {
            place: None,
            message: message.to_string(),
            details: Vec::new(),
            hints: Vec::new(),
        }
    }

    /// The same error about `place` (a file as shown to the user).
    pub fn at(mut self, place: impl fmt::Display) -> Report {
        self.place = Some(place.to_string());
        self
    }

    /// The same error with a hint.
    pub fn hint(mut self, hint: impl fmt::Display) -> Report {
        self.hints.push(hint.to_string());
        self
    }

    /// The same error with a hint when there is one.
    pub fn hint_if(self, hint: Option<impl fmt::Display>) -> Report {
        match hint {
            Some(h) => self.hint(h),
            None => self,
        }
    }

    /// The same error with an indented line listed under it.
    pub fn detail(mut self, line: impl fmt::Display) -> Report {
        self.details.push(line.to_string());
        self
    }

    /// Prints the error on standard error.
    pub fn print(&self) {
        say(&self.to_string());
    }

    /// Prints the error and gives `status`, for a command that stops here.
    pub fn fail(&self, status: Status) -> Status {
        self.print();
        status
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(place) = &self.place {
            write!(f, "{place}: ")?;
        }
        writeln!(f, "error: {}", self.message)?;
        for line in &self.details {
            writeln!(f, "  {line}")?;
        }
        for hint in &self.hints {
            writeln!(f, "  hint: {hint}")?;
        }
        Ok(())
    }
}

/// Prints text already in this format (a file's diagnostics, a batch entry's errors)
/// on standard error, as it is.
pub fn say(text: &str) {
    eprint!("{text}");
}

/// Prints a line that is not an error on standard error: progress, or a summary that
/// must not mix with output written to standard output.
pub fn note(line: impl fmt::Display) {
    eprintln!("{line}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_prints_its_place_details_and_hints_one_per_line() {
        let report = Report::error("several places are named \"X\":")
            .at("a.toml")
            .detail("12\tone")
            .detail("13\ttwo")
            .hint("give the district too");
        assert_eq!(
            report.to_string(),
            "a.toml: error: several places are named \"X\":\n  12\tone\n  13\ttwo\n  hint: give the district too\n"
        );
        assert_eq!(Report::error("bad").to_string(), "error: bad\n");
    }
}
