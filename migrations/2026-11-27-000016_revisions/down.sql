DROP TRIGGER reservation_revisions_removed;
DROP TRIGGER reservation_revised;
DROP TRIGGER reservation_revision_added;
DROP TABLE reservation_revisions;
