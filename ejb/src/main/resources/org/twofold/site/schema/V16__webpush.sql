-- Twofold schema, version 16: push through standard Web Push to the Twofold approval app. A device
-- may be the approval app (APPROVALAPP 1): its registration holds the one-time enrollment code (a
-- keyed hash, until used or expired), the push subscription (endpoint and keys, sealed) and the
-- public key of the device key pair that signs its answers (public, so not sealed). The VAPID key
-- pair (RFC 8292) is one row: its public key, and its private key sealed like every secret.
ALTER TABLE TF_DEVICE ADD COLUMN APPROVALAPP INTEGER DEFAULT 0 NOT NULL;
CREATE TABLE TF_PUSH_APP (
    DEVICE_ID BIGINT NOT NULL PRIMARY KEY,
    USER_ID BIGINT NOT NULL REFERENCES TF_USER (ID),
    CODEHASH VARCHAR(64),
    CODEEXPIRESAT TIMESTAMP,
    SEALEDSUBSCRIPTION VARCHAR(2000),
    DEVICEKEY VARCHAR(200),
    REGISTEREDAT TIMESTAMP);
CREATE INDEX TF_PUSH_APP_USER ON TF_PUSH_APP (USER_ID);
CREATE TABLE TF_VAPID_KEY (
    ID INTEGER NOT NULL PRIMARY KEY,
    PUBLICKEY VARCHAR(100) NOT NULL,
    SEALEDPRIVATEKEY VARCHAR(400) NOT NULL,
    CREATEDAT TIMESTAMP NOT NULL);
