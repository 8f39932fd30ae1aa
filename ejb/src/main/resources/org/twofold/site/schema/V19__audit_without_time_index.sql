-- Twofold schema, version 19: the audit trail loses its index on OCCURRED_AT. Nothing reads the
-- trail by time (it is read by id, newest first, by subject and by action), and every audited
-- decision paid for keeping that index: one B-tree insert of three per row (README "Performance").
-- Rows are numbered in the order they are written, so a range of time is a range of ids.
DROP INDEX TF_AUDIT_AT;
