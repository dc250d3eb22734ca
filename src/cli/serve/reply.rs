//! What `dfr serve` answers a request with: status, content type, body and cookie, made
//! from JSON, an error or bytes.

/// What the server answers: status, content type and body.
pub struct Reply {
    /// The HTTP status.
    pub(super) status: u16,
    /// The body's type.
    pub(super) content_type: &'static str,
    /// The body.
    pub(super) body: Vec<u8>,
    /// A cookie to set.
    pub(super) cookie: Option<String>,
}

impl Reply {
    /// A JSON answer.
    pub fn json(status: u16, value: &impl serde::Serialize) -> Reply {
        Reply {
            status,
            content_type: "application/json; charset=utf-8",
            body: serde_json::to_vec(value).unwrap_or_default(),
            cookie: None,
        }
    }

    /// An error as JSON: `{ "error": message }`.
    pub fn error(status: u16, message: impl Into<String>) -> Reply {
        Reply::json(
            status,
            &super::replies::Failure {
                error: message.into(),
                reason: None,
                diagnostics: None,
            },
        )
    }

    /// A usual refusal, named for the form to word (see `Failure::reason`).
    pub fn refused(status: u16, reason: &'static str, message: impl Into<String>) -> Reply {
        Reply::json(
            status,
            &super::replies::Failure {
                error: message.into(),
                reason: Some(reason),
                diagnostics: None,
            },
        )
    }

    /// The same answer with its body made into another of `content_type`, when it is
    /// a success.
    pub(super) fn map_body(
        self,
        f: impl FnOnce(Vec<u8>) -> Vec<u8>,
        content_type: &'static str,
    ) -> Reply {
        match self.status {
            200 => Reply {
                body: f(self.body),
                content_type,
                ..self
            },
            _ => self,
        }
    }

    /// Bytes of a file, as they are.
    pub(super) fn bytes(content_type: &'static str, body: Vec<u8>) -> Reply {
        Reply {
            status: 200,
            content_type,
            body,
            cookie: None,
        }
    }

    /// Bytes compiled into the program (a page, a script, the font).
    pub(super) fn file(content_type: &'static str, body: &[u8]) -> Reply {
        Reply {
            status: 200,
            content_type,
            body: body.to_vec(),
            cookie: None,
        }
    }
}
