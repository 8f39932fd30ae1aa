-- Users from the campus directory (LDAP / Active Directory): where a user comes from (LOCAL, or
-- DIRECTORY: the primary password is an LDAP bind, attributes come from the sync), the directory's
-- mail and mobile number, when the sync last saw the user, and since when the user is gone from
-- the directory (disabled by the sync; null while present).
ALTER TABLE TF_USER ADD COLUMN USERSOURCE VARCHAR(16) DEFAULT 'LOCAL' NOT NULL;
ALTER TABLE TF_USER ADD COLUMN MAIL VARCHAR(254);
ALTER TABLE TF_USER ADD COLUMN MOBILE VARCHAR(40);
ALTER TABLE TF_USER ADD COLUMN DIRECTORYSYNCEDAT TIMESTAMP;
ALTER TABLE TF_USER ADD COLUMN DIRECTORYGONEAT TIMESTAMP;
CREATE INDEX TF_USER_SOURCE ON TF_USER (USERSOURCE);
