-- A reservation that has ended (expired, cancelled or exchanged) can be
-- archived: lists leave it out unless asked for it; look-up still finds it.
ALTER TABLE reservations ADD COLUMN archived BOOLEAN NOT NULL DEFAULT 0;
