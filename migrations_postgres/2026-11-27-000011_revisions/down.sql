DROP TRIGGER reservation_revised ON reservations;
DROP FUNCTION record_reservation_revision();
DROP TABLE reservation_revisions;
