-- Twofold schema, version 3: failures of the previous hour window, so that the hourly cap holds
-- over any sliding hour (an hour-long interval touches at most two consecutive windows); and the
-- HOTP counter a hardware token arrives with (PSKC files carry it).
ALTER TABLE TF_USER ADD COLUMN FAILURESPREVWINDOW INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE TF_TOKEN ADD COLUMN COUNTER BIGINT DEFAULT 0 NOT NULL;
