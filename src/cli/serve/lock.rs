//! The requests that make, open and lock an encrypted workspace: its state, unlock, lock, setup with the recovery key, a new passphrase.

use super::Reply;
use super::replies::{Done, Sealed, Unlocked, Workspace};
use super::requests::{NewPassphrase, Unlock};
use super::store::Store;
use super::workspace::States;
use age::secrecy::SecretString;
use std::path::Path;
use zeroize::Zeroizing;

/// `GET /api/workspace`: whether the workspace is encrypted, locked, or new.
pub fn status(store: &Store) -> Reply {
    Reply::json(
        200,
        &Workspace {
            encrypted: store.is_encrypted(),
            locked: store.is_locked(),
            empty: store.declarations(Path::new(".")).is_empty()
                && store
                    .declarations(Path::new(super::workspace::REMOVED))
                    .is_empty(),
            lock_after: store.lock_after.as_secs(),
        },
    )
}

/// `POST /api/unlock` `{ "secret": … }`: opens the workspace with its passphrase or its
/// recovery key (checked even when another tab has it open); a wrong one is refused with
/// nothing of the workspace told.
pub fn unlock(store: &Store, request: &Unlock) -> Reply {
    if !store.is_encrypted() {
        return Reply::error(409, "this workspace is not encrypted");
    }
    let secret = SecretString::from(request.secret.clone());
    match store.unlock(&secret) {
        Ok(converted) => Reply::json(
            200,
            &Unlocked {
                ok: true,
                recovery: crate::cli::keys::is_recovery_key(&request.secret),
                converted,
            },
        ),
        Err(message) => Reply::refused(422, "wrong-secret", first_line(&message)),
    }
}

/// `POST /api/lock`: locks the workspace now, forgetting every declaration opened.
pub fn lock(states: &States) -> Reply {
    states.store().lock();
    states.forget();
    Reply::json(200, &Done { ok: true })
}

/// `POST /api/setup` `{ "passphrase", "again" }`: encrypts a plain workspace: the key
/// made, every plain file encrypted; the answer carries the recovery key, once.
pub fn setup(store: &Store, request: &NewPassphrase) -> Reply {
    let passphrase = match typed_twice(request) {
        Ok(p) => p,
        Err(reply) => return reply,
    };
    match store.seal(&passphrase) {
        Ok((recovery, converted)) => {
            use age::secrecy::ExposeSecret;
            let folder = std::env::current_dir().unwrap_or_default();
            Reply::json(
                200,
                &Sealed {
                    recovery: recovery.expose_secret().to_owned(),
                    converted: *converted.as_ref().unwrap_or(&0),
                    unconverted: converted.err().map(|e| first_line(&e)),
                    folder: folder.display().to_string(),
                    made: chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now())
                        .format("%Y-%m-%d")
                        .to_string(),
                },
            )
        }
        Err(message) => Reply::error(409, first_line(&message)),
    }
}

/// `POST /api/passphrase` `{ "passphrase", "again" }`: a new passphrase for the open
/// workspace (after it was opened with the recovery key).
pub fn new_passphrase(store: &Store, request: &NewPassphrase) -> Reply {
    let passphrase = match typed_twice(request) {
        Ok(p) => p,
        Err(reply) => return reply,
    };
    match store.set_passphrase(&passphrase) {
        Ok(()) => Reply::json(200, &Done { ok: true }),
        Err(message) => Reply::error(409, first_line(&message)),
    }
}

/// The passphrase of a request, refused when empty or when the two differ.
fn typed_twice(request: &NewPassphrase) -> Result<SecretString, Reply> {
    let first = Zeroizing::new(request.passphrase.clone());
    if first.is_empty() {
        return Err(Reply::refused(400, "empty", "type a passphrase"));
    }
    if *first != request.again {
        return Err(Reply::refused(400, "differ", "the two passphrases differ"));
    }
    if crate::cli::keys::is_recovery_key(&first) {
        return Err(Reply::refused(
            400,
            "like-a-key",
            "a passphrase may not look like a recovery key",
        ));
    }
    Ok(SecretString::from(first.to_string()))
}

/// The first line of a message, without its `error: ` (the page words it).
fn first_line(message: &str) -> String {
    let line = message.lines().next().unwrap_or(message);
    line.strip_prefix("error: ").unwrap_or(line).to_owned()
}
