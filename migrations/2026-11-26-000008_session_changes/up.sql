-- Every change that ends a session or changes a signed-in user (sign-out,
-- disabling, a new password or role), in the order made. Each server node
-- keeps recently checked sessions in memory and reads this log every
-- second to forget the ones it names, so a change made on one node reaches
-- the others within about a second.
CREATE TABLE session_changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    user_id BIGINT REFERENCES users(id),
    token_hash TEXT
);
