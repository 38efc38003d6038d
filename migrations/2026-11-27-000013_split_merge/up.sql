-- A reservation closed by a split or a merge says which (Azure's
-- extendedStatusInfo.statusCode); its state is Cancelled, as in Azure.
ALTER TABLE reservations ADD COLUMN closed_by TEXT CHECK (closed_by IN ('Split', 'Merged'));

-- Which reservation became which: a split's source and its two parts, a
-- merge's sources and the one they became, a renewal's predecessor and
-- successor.
CREATE TABLE reservation_links (
    id INTEGER PRIMARY KEY,
    source_id BIGINT NOT NULL REFERENCES reservations(id),
    destination_id BIGINT NOT NULL REFERENCES reservations(id),
    kind TEXT NOT NULL CHECK (kind IN ('Split', 'Merge', 'Renewal')),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (source_id, destination_id)
);
CREATE INDEX reservation_links_destination ON reservation_links(destination_id);
