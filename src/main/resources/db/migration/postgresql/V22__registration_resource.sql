-- What the registration resource says of a snapshot read from Azure (issue 15): the stamp's cloudId and the billing
-- model. Nullable: snapshots of files, and those stored before, have neither.
ALTER TABLE HC_REGISTRATION_SNAPSHOT ADD COLUMN IF NOT EXISTS CLOUD_ID VARCHAR(100);
ALTER TABLE HC_REGISTRATION_SNAPSHOT ADD COLUMN IF NOT EXISTS BILLING_MODEL VARCHAR(40);
