-- Sign-in attempts per key (an account, an address) within the throttle's
-- window, kept in the database so that every server node sees the same
-- counts. An attempt in progress counts until it is known to have
-- succeeded; rows older than the window are swept.
CREATE TABLE sign_in_attempts (
    id INTEGER PRIMARY KEY NOT NULL,
    attempt TEXT NOT NULL,
    key TEXT NOT NULL,
    at TIMESTAMP NOT NULL
);
CREATE INDEX sign_in_attempts_key ON sign_in_attempts(key, at);
CREATE INDEX sign_in_attempts_attempt ON sign_in_attempts(attempt);
