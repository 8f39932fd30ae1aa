-- Twofold schema, version 14: security keys and passkeys (WebAuthn). Each registered credential is
-- the credential of a device of kind SECURITY_KEY (same id): its id (base64url, and a SHA-256 of it
-- for the unique index), its attested credential data (AAGUID, id and COSE public key; public, so
-- not sealed), the user handle the user's credentials share (random, not derived from the
-- username), the signature counter and the flags a later assertion is checked against.
CREATE TABLE TF_SECURITY_KEY (
    DEVICE_ID BIGINT NOT NULL PRIMARY KEY,
    USER_ID BIGINT NOT NULL REFERENCES TF_USER (ID),
    USERHANDLE VARCHAR(100) NOT NULL,
    CREDENTIALID VARCHAR(1400) NOT NULL,
    CREDENTIALHASH VARCHAR(64) NOT NULL,
    CREDENTIAL VARCHAR(4000) NOT NULL,
    AAGUID VARCHAR(36) NOT NULL,
    SIGNCOUNT BIGINT NOT NULL,
    USERVERIFIED INTEGER NOT NULL,
    BACKUPELIGIBLE INTEGER NOT NULL,
    BACKUPSTATE INTEGER NOT NULL,
    REGISTEREDAT TIMESTAMP NOT NULL,
    LASTUSEDAT TIMESTAMP);
CREATE UNIQUE INDEX TF_SECURITY_KEY_CREDENTIAL ON TF_SECURITY_KEY (CREDENTIALHASH);
CREATE INDEX TF_SECURITY_KEY_USER ON TF_SECURITY_KEY (USER_ID);
