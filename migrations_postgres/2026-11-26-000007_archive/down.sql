ALTER TABLE reservations DROP COLUMN archived;
