-- Support requests, their drafts and history, and the ledger of refunds and
-- exchanges the customer's limit is computed from.

CREATE TABLE request_drafts (
    id INTEGER PRIMARY KEY NOT NULL,
    token TEXT NOT NULL UNIQUE,
    user_id INTEGER NOT NULL REFERENCES users(id),
    reservation_id INTEGER NOT NULL REFERENCES reservations(id),
    kind TEXT NOT NULL CHECK (kind IN ('Refund', 'Exchange', 'Other')),
    data TEXT NOT NULL,
    request_id INTEGER REFERENCES support_requests(id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX request_drafts_owner ON request_drafts(user_id, reservation_id, kind);

CREATE TABLE support_requests (
    id INTEGER PRIMARY KEY NOT NULL,
    number TEXT NOT NULL UNIQUE,
    draft_id INTEGER NOT NULL UNIQUE REFERENCES request_drafts(id),
    reservation_id INTEGER NOT NULL REFERENCES reservations(id),
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    kind TEXT NOT NULL CHECK (kind IN ('Refund', 'Exchange', 'Other')),
    status TEXT NOT NULL CHECK (status IN ('Open', 'Approved', 'Rejected', 'Completed')),
    title TEXT NOT NULL,
    details TEXT NOT NULL,
    quote TEXT NOT NULL,
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    decided_by TEXT,
    decided_at TIMESTAMP,
    decision_reason TEXT
);
CREATE INDEX support_requests_status ON support_requests(status, created_at);
CREATE INDEX support_requests_reservation ON support_requests(reservation_id);
CREATE INDEX support_requests_customer ON support_requests(customer_id, created_at);

CREATE TABLE request_history (
    id INTEGER PRIMARY KEY NOT NULL,
    request_id INTEGER NOT NULL REFERENCES support_requests(id),
    at TIMESTAMP NOT NULL,
    actor_email TEXT NOT NULL,
    event TEXT NOT NULL,
    note TEXT
);
CREATE INDEX request_history_request ON request_history(request_id, at);

CREATE TABLE refunds (
    id INTEGER PRIMARY KEY NOT NULL,
    request_id INTEGER NOT NULL UNIQUE REFERENCES support_requests(id),
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    reservation_id INTEGER NOT NULL REFERENCES reservations(id),
    booked_on DATE NOT NULL,
    cancelled_commitment TEXT NOT NULL,
    fee TEXT NOT NULL,
    refund TEXT NOT NULL
);
CREATE INDEX refunds_customer ON refunds(customer_id, booked_on);

CREATE TABLE exchanges (
    id INTEGER PRIMARY KEY NOT NULL,
    request_id INTEGER NOT NULL UNIQUE REFERENCES support_requests(id),
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    old_reservation_id INTEGER NOT NULL REFERENCES reservations(id),
    new_reservation_id INTEGER NOT NULL REFERENCES reservations(id),
    booked_on DATE NOT NULL,
    value_returned TEXT NOT NULL,
    new_commitment TEXT NOT NULL
);
CREATE INDEX exchanges_customer ON exchanges(customer_id, booked_on);
