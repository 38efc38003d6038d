-- Reservation files uploaded for import: the file (until it is imported),
-- what its preview found, and how its import went. One import writes in
-- one transaction, which also marks the row imported.
CREATE TABLE imports (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id),
    file_name TEXT NOT NULL,
    chosen_tenant TEXT,
    body TEXT NOT NULL,
    rows_total INTEGER NOT NULL,
    preview TEXT NOT NULL,
    state TEXT NOT NULL,
    added INTEGER NOT NULL,
    changed INTEGER NOT NULL,
    error TEXT,
    created_at TIMESTAMP NOT NULL,
    started_at TIMESTAMP,
    finished_at TIMESTAMP
);
CREATE INDEX imports_by_time ON imports (created_at);
