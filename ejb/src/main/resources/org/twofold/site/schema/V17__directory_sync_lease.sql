-- The directory sync's lease, one row shared by every node on the database: the node that holds it
-- (HOLDER, until HELDUNTIL) is the only one syncing; NEXTDUE is when the next scheduled sync is due.
-- Times are epoch milliseconds (portable integers, no time zone). A node takes the lease with one
-- conditional UPDATE, so two nodes can never both hold it; a node that dies holding it loses it at
-- HELDUNTIL.
CREATE TABLE TF_DIRECTORY_SYNC (
    ID INTEGER NOT NULL PRIMARY KEY,
    HOLDER VARCHAR(100),
    HELDUNTIL BIGINT NOT NULL,
    NEXTDUE BIGINT NOT NULL);
INSERT INTO TF_DIRECTORY_SYNC (ID, HOLDER, HELDUNTIL, NEXTDUE) VALUES (1, NULL, 0, 0);
-- The directory's telephone number of a directory user (beside its mobile number): offered, never
-- trusted, as a phone to enroll.
ALTER TABLE TF_USER ADD COLUMN TELEPHONE VARCHAR(40);
