-- RADIUS clients (NAS: VPN gateways, Wi-Fi controllers) registered over JMX: the address or CIDR
-- block their packets come from, their mode (CLIENTMODE: PASSWORD_MFA, PASSWORD_CHALLENGE, MFA_ONLY) and their shared secret,
-- sealed under the data key. ENABLED is Y or N (no BOOLEAN: portable to Derby and PostgreSQL).
CREATE TABLE TF_RADIUS_CLIENT (
    ID BIGINT NOT NULL PRIMARY KEY,
    NAME VARCHAR(100) NOT NULL UNIQUE,
    ADDRESSBLOCK VARCHAR(50) NOT NULL,
    CLIENTMODE VARCHAR(32) NOT NULL,
    SEALEDSECRET VARCHAR(200) NOT NULL,
    ENABLED VARCHAR(1) NOT NULL,
    CREATEDAT TIMESTAMP NOT NULL);
