//! A small SMTP server for the tests: it speaks enough of the protocol for
//! the dashboard's mail worker (EHLO, AUTH PLAIN, MAIL, RCPT, DATA, RSET,
//! QUIT), keeps what it receives, and can be stopped mid-run and started
//! again on the same port, or told to refuse an address or a password.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A message as the sink received it.
#[derive(Debug, Clone)]
pub struct Received {
    /// The envelope's recipients.
    pub to: Vec<String>,
    /// The message, as sent.
    pub data: Vec<u8>,
}

/// A received message, read.
#[derive(Debug, Clone)]
pub struct Mail {
    /// The envelope's recipients.
    pub to: Vec<String>,
    /// The subject, decoded.
    pub subject: String,
    /// The `Message-ID`, without angle brackets.
    pub message_id: String,
    /// The plain-text part.
    pub text: String,
    /// The HTML part.
    pub html: String,
    /// The `From` address.
    pub from: String,
}

#[derive(Default)]
struct Shared {
    received: Mutex<Vec<Received>>,
    refused: Mutex<Vec<String>>,
    /// `AUTH PLAIN` must carry this (user, password) when set.
    login: Mutex<Option<(String, String)>>,
    /// Every `AUTH` line received, decoded.
    logins: Mutex<Vec<String>>,
    running: AtomicBool,
}

/// The SMTP server.
pub struct SmtpSink {
    /// Its port on 127.0.0.1.
    pub port: u16,
    shared: Arc<Shared>,
}

impl SmtpSink {
    /// Starts on a free port.
    pub fn start() -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("address").port();
        let sink = SmtpSink {
            port,
            shared: Arc::new(Shared::default()),
        };
        sink.serve(listener);
        sink
    }

    /// Stops: no new connection is accepted, and a message being sent is
    /// dropped before it is acknowledged.
    pub fn stop(&self) {
        self.shared.running.store(false, Ordering::SeqCst);
        // The accepting thread notices within its poll.
        std::thread::sleep(Duration::from_millis(100));
    }

    /// Starts again on the same port.
    pub fn restart(&self) {
        let started = Instant::now();
        let listener = loop {
            match TcpListener::bind(("127.0.0.1", self.port)) {
                Ok(l) => break l,
                Err(e) => {
                    assert!(started.elapsed() < Duration::from_secs(10), "rebind: {e}");
                    std::thread::sleep(Duration::from_millis(50));
                }
            }
        };
        self.serve(listener);
    }

    /// Refuses `address` as a recipient, for good (550).
    pub fn refuse(&self, address: &str) {
        lock(&self.shared.refused).push(address.to_lowercase());
    }

    /// Accepts `address` again.
    pub fn allow(&self, address: &str) {
        lock(&self.shared.refused).retain(|a| *a != address.to_lowercase());
    }

    /// Asks for `AUTH PLAIN` with this user and password.
    pub fn require_login(&self, user: &str, password: &str) {
        *lock(&self.shared.login) = Some((user.into(), password.into()));
    }

    /// Every sign-in the server was sent, as `user:password`.
    pub fn logins(&self) -> Vec<String> {
        lock(&self.shared.logins).clone()
    }

    /// Everything received so far.
    pub fn received(&self) -> Vec<Received> {
        lock(&self.shared.received).clone()
    }

    /// Everything received so far, read.
    pub fn mails(&self) -> Vec<Mail> {
        self.received().iter().map(read).collect()
    }

    /// Waits (up to `within`) until at least `n` messages arrived; them.
    pub async fn wait_for(&self, n: usize, within: Duration) -> Vec<Mail> {
        let started = Instant::now();
        loop {
            let mails = self.mails();
            if mails.len() >= n {
                return mails;
            }
            assert!(
                started.elapsed() < within,
                "{n} messages arrive in {within:?}; {} did: {:?}",
                mails.len(),
                mails.iter().map(|m| &m.subject).collect::<Vec<_>>()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits (up to `within`) until a message to `address` arrived.
    pub async fn wait_for_address(&self, address: &str, within: Duration) -> Mail {
        let started = Instant::now();
        loop {
            if let Some(mail) = self.mails().into_iter().find(|m| m.to == [address]) {
                return mail;
            }
            assert!(started.elapsed() < within, "a message to {address} arrives");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    fn serve(&self, listener: TcpListener) {
        listener.set_nonblocking(true).expect("non-blocking");
        self.shared.running.store(true, Ordering::SeqCst);
        let shared = self.shared.clone();
        std::thread::spawn(move || {
            while shared.running.load(Ordering::SeqCst) {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let shared = shared.clone();
                        std::thread::spawn(move || {
                            let _ = converse(stream, &shared);
                        });
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(10)),
                }
            }
        });
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.shared.running.store(false, Ordering::SeqCst);
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// One SMTP conversation.
fn converse(stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    stream.set_nonblocking(false)?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut out = stream.try_clone()?;
    let mut lines = BufReader::new(stream);
    out.write_all(b"220 sink.test ESMTP ready\r\n")?;
    let mut to = Vec::new();
    let mut signed_in = false;
    loop {
        let mut line = String::new();
        if lines.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_string();
        let upper = command.to_uppercase();
        let reply: String = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
            "250-sink.test\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 AUTH PLAIN".into()
        } else if let Some(encoded) = command.strip_prefix("AUTH PLAIN ") {
            let decoded = decode_plain(encoded);
            lock(&shared.logins).push(decoded.clone());
            let wanted = lock(&shared.login).clone();
            match wanted {
                Some((u, p)) if decoded != format!("{u}:{p}") => {
                    "535 5.7.8 Authentication credentials invalid".into()
                }
                _ => {
                    signed_in = true;
                    "235 2.7.0 Authentication successful".into()
                }
            }
        } else if upper.starts_with("MAIL FROM") {
            if lock(&shared.login).is_some() && !signed_in {
                "530 5.7.0 Authentication required".into()
            } else {
                to.clear();
                "250 2.1.0 OK".into()
            }
        } else if upper.starts_with("RCPT TO") {
            let address = command
                .split_once(':')
                .map(|(_, a)| {
                    a.trim()
                        .trim_matches(|c| c == '<' || c == '>')
                        .to_lowercase()
                })
                .unwrap_or_default();
            if lock(&shared.refused).contains(&address) {
                format!("550 5.1.1 <{address}>: Recipient address rejected: User unknown")
            } else {
                to.push(address);
                "250 2.1.5 OK".into()
            }
        } else if upper == "DATA" {
            out.write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")?;
            let mut data = Vec::new();
            loop {
                let mut l = String::new();
                if lines.read_line(&mut l)? == 0 {
                    return Ok(());
                }
                if l == ".\r\n" {
                    break;
                }
                let l = l.strip_prefix('.').unwrap_or(&l);
                data.extend_from_slice(l.as_bytes());
            }
            if !shared.running.load(Ordering::SeqCst) {
                // Stopped mid-message: the connection drops unanswered.
                return Ok(());
            }
            lock(&shared.received).push(Received {
                to: std::mem::take(&mut to),
                data,
            });
            "250 2.0.0 OK queued".into()
        } else if upper == "RSET" || upper == "NOOP" {
            "250 2.0.0 OK".into()
        } else if upper == "QUIT" {
            out.write_all(b"221 2.0.0 Bye\r\n")?;
            return Ok(());
        } else {
            "502 5.5.2 Command not recognized".into()
        };
        if !shared.running.load(Ordering::SeqCst) {
            return Ok(());
        }
        out.write_all(format!("{reply}\r\n").as_bytes())?;
    }
}

/// `AUTH PLAIN`'s argument as `user:password`.
fn decode_plain(encoded: &str) -> String {
    use base64::Engine;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .unwrap_or_default();
    let text = String::from_utf8_lossy(&bytes).to_string();
    let parts: Vec<&str> = text.split('\0').collect();
    match parts.as_slice() {
        [_, user, password] => format!("{user}:{password}"),
        _ => text,
    }
}

/// Reads a received message: headers decoded, both parts taken out.
pub fn read(received: &Received) -> Mail {
    let message = mail_parser::MessageParser::default()
        .parse(&received.data)
        .expect("a message");
    Mail {
        to: received.to.clone(),
        subject: message.subject().unwrap_or_default().to_string(),
        message_id: message.message_id().unwrap_or_default().to_string(),
        text: message
            .body_text(0)
            .map(|t| t.to_string())
            .unwrap_or_default(),
        html: message
            .body_html(0)
            .map(|t| t.to_string())
            .unwrap_or_default(),
        from: message
            .from()
            .and_then(|f| f.first())
            .and_then(|a| a.address())
            .unwrap_or_default()
            .to_string(),
    }
}
