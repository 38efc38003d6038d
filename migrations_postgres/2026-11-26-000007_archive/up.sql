-- See the SQLite migration of the same name.
ALTER TABLE reservations ADD COLUMN archived BOOLEAN NOT NULL DEFAULT FALSE;
