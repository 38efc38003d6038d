//! Password hashing: Argon2id with OWASP's minimum parameters (19 MiB,
//! 2 iterations, 1 lane). Slow on purpose; call it off the async executor.

use std::sync::Mutex;

use argon2::password_hash::phc::{Output, ParamsString, PasswordHash, Salt};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use subtle::ConstantTimeEq;

/// Bounds the password hashes computed at once. Each takes 19 MiB and most of
/// a core for a moment, so a burst of sign-ins is queued here briefly and,
/// past the wait, answered "busy, try again" rather than growing the
/// server's memory and threads without limit.
#[derive(Debug, Clone)]
pub struct Gate {
    permits: std::sync::Arc<tokio::sync::Semaphore>,
    wait: std::time::Duration,
}

impl Gate {
    /// A gate letting `at_once` hashes run together; others wait up to `wait`.
    pub fn new(at_once: usize, wait: std::time::Duration) -> Self {
        Gate {
            permits: std::sync::Arc::new(tokio::sync::Semaphore::new(at_once.max(1))),
            wait,
        }
    }

    /// One hash per core, and a queue of a few seconds.
    pub fn for_this_machine() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        Gate::new(cores, std::time::Duration::from_secs(3))
    }

    /// Waits for a turn to hash; `Busy` (503, Retry-After) past the wait.
    pub async fn permit(&self) -> Result<tokio::sync::OwnedSemaphorePermit, crate::app::Error> {
        match actix_web::rt::time::timeout(self.wait, self.permits.clone().acquire_owned()).await {
            Ok(Ok(permit)) => Ok(permit),
            _ => {
                tracing::warn!("password hashing queue full");
                Err(crate::app::Error::Busy)
            }
        }
    }
}

fn params() -> Params {
    Params::new(19 * 1024, 2, 1, None).unwrap_or_default()
}

/// Argon2's working memory, kept between hashes. Allocating 19 MiB per hash
/// lets the allocator keep a copy in every thread's arena (a burst of
/// sign-ins on many threads once held over a gigabyte); a few reused
/// buffers hold it to what the hashes in progress need.
static MEMORY: Mutex<Vec<Vec<Block>>> = Mutex::new(Vec::new());
/// Buffers kept for reuse: as many as hashes run at once on a large server.
const KEPT_BUFFERS: usize = 8;

fn with_memory<T>(blocks: usize, work: impl FnOnce(&mut [Block]) -> T) -> T {
    let reused = MEMORY.lock().unwrap_or_else(|e| e.into_inner()).pop();
    let mut memory = reused
        .filter(|m| m.len() == blocks)
        .unwrap_or_else(|| vec![Block::default(); blocks]);
    let result = work(&mut memory);
    let mut kept = MEMORY.lock().unwrap_or_else(|e| e.into_inner());
    if kept.len() < KEPT_BUFFERS {
        kept.push(memory);
    }
    result
}

/// Hashes a password into a PHC string with a fresh random salt.
pub fn hash(password: &str) -> Result<String, String> {
    use rand::RngCore;
    let params = params();
    let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
    let mut salt = [0u8; 16];
    rand::rng().fill_bytes(&mut salt);
    let mut out = [0u8; 32];
    with_memory(params.block_count(), |memory| {
        argon2.hash_password_into_with_memory(password.as_bytes(), &salt, &mut out, memory)
    })
    .map_err(|e| e.to_string())?;
    let phc = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(&params).map_err(|e| e.to_string())?,
        salt: Some(Salt::new(&salt).map_err(|e| e.to_string())?),
        hash: Some(Output::new(&out).map_err(|e| e.to_string())?),
    };
    Ok(phc.to_string())
}

/// Whether `password` matches the stored PHC string (with the algorithm,
/// version and parameters it names).
pub fn verify(password: &str, stored: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (&parsed.salt, &parsed.hash) else {
        return false;
    };
    let Ok(algorithm) = Algorithm::try_from(parsed.algorithm.as_str()) else {
        return false;
    };
    let Ok(version) = parsed.version.map_or(Ok(Version::V0x13), Version::try_from) else {
        return false;
    };
    let Ok(params) = Params::try_from(&parsed) else {
        return false;
    };
    let argon2 = Argon2::new(algorithm, version, params.clone());
    let mut out = vec![0u8; expected.len()];
    let computed = with_memory(params.block_count(), |memory| {
        argon2.hash_password_into_with_memory(password.as_bytes(), salt.as_ref(), &mut out, memory)
    });
    computed.is_ok() && bool::from(out.ct_eq(expected.as_bytes()))
}

/// A random password of 16 characters for an agent to change after signing
/// in (no characters that are easy to mistake for one another).
pub fn generate() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789-";
    let mut rng = rand::rng();
    (0..16)
        .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
        .collect()
}

/// A hash that never verifies, checked against when the email is unknown so
/// that an unknown email takes as long as a wrong password.
pub fn decoy_hash() -> &'static str {
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$m1T3tRgyDfa2xMO0ZaL9M3WpD1Mg5dc+TJ5lTu7y5iQ"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_differ() {
        let a = hash("correct horse battery").expect("hash");
        let b = hash("correct horse battery").expect("hash");
        assert_ne!(a, b, "each hash has its own salt");
        assert!(a.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{a}");
        assert!(verify("correct horse battery", &a));
        assert!(!verify("correct horse batterY", &a));
        assert!(!verify("anything", "not a hash"));
        assert!(!verify("anything", decoy_hash()));
        let generated = generate();
        assert_eq!(generated.chars().count(), 16);
        assert_ne!(generated, generate());
    }
}
