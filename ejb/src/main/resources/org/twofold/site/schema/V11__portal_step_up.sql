-- Twofold schema, version 11: portal changes need a recent second factor (PortalStepUpMinutes), and
-- the SSN's last 4 digits are no longer an identity proof by default. No user could have stored an
-- SSN proof before this version (nothing set one), so turning it off takes no working proof away.
ALTER TABLE TF_POLICY ADD COLUMN PORTALSTEPUPMINUTES INTEGER DEFAULT 10 NOT NULL;
-- (Where an administrator turned the PIN off, the SSN stays: one proof must remain.)
UPDATE TF_POLICY SET IDENTITYPROOFSSN = 'false' WHERE IDENTITYPROOFPIN = 'true';
