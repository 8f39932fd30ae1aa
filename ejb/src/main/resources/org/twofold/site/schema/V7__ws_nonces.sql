-- Twofold schema, version 6: WS-Security UsernameToken nonces seen (PasswordDigest), so a replayed
-- token is refused by every node sharing the database; each row is kept until its token is stale.
CREATE TABLE TF_WS_NONCE (
    INTEGRATIONKEY VARCHAR(32) NOT NULL,
    NONCE VARCHAR(88) NOT NULL,
    STALEAFTER TIMESTAMP NOT NULL,
    PRIMARY KEY (INTEGRATIONKEY, NONCE));
CREATE INDEX TF_WS_NONCE_STALE ON TF_WS_NONCE (STALEAFTER);
