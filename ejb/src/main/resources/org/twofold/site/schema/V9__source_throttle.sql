-- Twofold schema: failed authentications per source (client address, or integration key + ipaddr),
-- so one attacker cannot lock out many users cheaply (org.twofold.throttle).
CREATE TABLE TF_SOURCE_FAILURE (
    SOURCEKEY VARCHAR(200) NOT NULL PRIMARY KEY,
    WINDOWSTART TIMESTAMP,
    FAILURES INTEGER NOT NULL,
    BLOCKEDUNTIL TIMESTAMP);
