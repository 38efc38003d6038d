-- Email alerts: what each user chose to be told (no row: their role's
-- defaults), the outbox every alert is written to in the transaction that
-- causes it (sent later by the mail worker, with retries; the unique key
-- keeps each alert to one message however often its cause is seen), and
-- the lease that lets one node at a time send.
CREATE TABLE alert_preferences (
    user_id BIGINT PRIMARY KEY REFERENCES users(id),
    expiry_days TEXT NOT NULL,
    underused BOOLEAN NOT NULL,
    new_requests BOOLEAN NOT NULL,
    settled BOOLEAN NOT NULL,
    language TEXT NOT NULL CHECK (language IN ('en-US', 'pt-BR')),
    chosen BOOLEAN NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    dedupe_key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('Expiry', 'Underused', 'NewRequest', 'Settled', 'Test')),
    user_id BIGINT REFERENCES users(id),
    recipient TEXT NOT NULL,
    language TEXT NOT NULL CHECK (language IN ('en-US', 'pt-BR')),
    payload TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('Queued', 'Sent', 'Failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    claimed_until TIMESTAMP,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);

CREATE TABLE mail_sender (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    node TEXT NOT NULL,
    lease_until TIMESTAMP NOT NULL
);
INSERT INTO mail_sender (id, node, lease_until) VALUES (1, '', '1970-01-01 00:00:00');
