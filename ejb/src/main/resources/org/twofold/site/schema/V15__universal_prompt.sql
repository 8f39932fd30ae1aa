-- Twofold schema, version 15: Duo Universal Prompt compatibility (Duo Web SDK v4). The codes its
-- applications exchange for the result: kept by their SHA-256 only, bound to the client (integration
-- key) and the redirect URI, valid 60 seconds and redeemed once (REDEEMEDAT), with the result they
-- carry (the user, how the second factor was passed, when, from where, the request's nonce). The JWT
-- ids that make requests and client assertions single-use go into TF_WS_NONCE (as SHA-256).
CREATE TABLE TF_UNIVERSAL_CODE (
    CODEHASH VARCHAR(64) NOT NULL PRIMARY KEY,
    CLIENTID VARCHAR(32) NOT NULL,
    REDIRECTURI VARCHAR(500) NOT NULL,
    USERNAME VARCHAR(100) NOT NULL,
    NONCE VARCHAR(1024),
    FACTOR VARCHAR(32) NOT NULL,
    ORIGIN VARCHAR(100),
    AUTHTIME TIMESTAMP NOT NULL,
    EXPIRESAT TIMESTAMP NOT NULL,
    REDEEMEDAT TIMESTAMP);
CREATE INDEX TF_UNIVERSAL_CODE_EXPIRES ON TF_UNIVERSAL_CODE (EXPIRESAT);
