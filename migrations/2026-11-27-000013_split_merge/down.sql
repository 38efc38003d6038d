DROP TABLE reservation_links;
ALTER TABLE reservations DROP COLUMN closed_by;
