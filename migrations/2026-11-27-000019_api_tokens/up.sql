-- Personal API tokens: each acts as the agent who made it. Only the
-- token's SHA-256 is kept (it is shown once); the first characters are
-- kept to tell tokens apart. Idempotency keys of the API's request
-- creation: a key claimed by one call, then the request it made.
CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id),
    name TEXT NOT NULL,
    prefix TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP,
    last_used_at TIMESTAMP,
    revoked_at TIMESTAMP
);
CREATE INDEX api_tokens_by_user ON api_tokens (user_id);

CREATE TABLE api_idempotency (
    user_id BIGINT NOT NULL REFERENCES users(id),
    idempotency_key TEXT NOT NULL,
    body_hash TEXT NOT NULL,
    request_number TEXT,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, idempotency_key)
);
