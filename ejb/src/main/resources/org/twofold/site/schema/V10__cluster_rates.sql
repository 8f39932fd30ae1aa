-- Twofold schema, version 8: each integration's SOAP request budget (a token bucket), shared by
-- every node on the database; nodes lease tokens from it under the row lock. Tokens are counted
-- in millionths (an integer column is portable; the bucket refills by fractions of a token).
CREATE TABLE TF_RATE_BUCKET (
    INTEGRATIONKEY VARCHAR(32) NOT NULL PRIMARY KEY,
    MICROTOKENS BIGINT NOT NULL,
    COUNTEDAT BIGINT NOT NULL);
