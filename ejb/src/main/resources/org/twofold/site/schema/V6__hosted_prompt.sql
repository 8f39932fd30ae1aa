-- Twofold schema, version 6: the hosted login prompt returns to an integration's registered URL.
ALTER TABLE TF_INTEGRATION ADD COLUMN RETURNURL VARCHAR(500);
