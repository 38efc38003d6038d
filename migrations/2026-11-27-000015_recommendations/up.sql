-- A recommendation dismissed stays dismissed, with who dismissed it.
CREATE TABLE recommendation_dismissals (
    id INTEGER PRIMARY KEY,
    reservation_id BIGINT NOT NULL REFERENCES reservations(id),
    kind TEXT NOT NULL CHECK (kind IN ('Exchange', 'Refund', 'Renew')),
    dismissed_by TEXT NOT NULL,
    dismissed_at TIMESTAMP NOT NULL,
    UNIQUE (reservation_id, kind)
);
