-- RetentionPruner deletes inbox rows and settled dead letters by age.
CREATE INDEX inbox_received_at ON inbox (received_at);
CREATE INDEX dead_letter_settled_at ON dead_letter (settled_at) WHERE state <> 'PARKED';
