-- Unchanged exports of other days are not read again (ledger/SkippedInputs): the ledger keeps each input file's
-- last-modified time, which with its size tells a later run the file is unchanged without reading it; a run keeps,
-- for a file it does not read, its records, SHA-256 and usage days as the published run that read it counted them
-- (NULL for a file the run reads). A migration of its own, so that databases made by earlier versions get the columns.
ALTER TABLE HC_LEDGER_INPUT ADD COLUMN IF NOT EXISTS MODIFIED VARCHAR(40) DEFAULT '' NOT NULL;

ALTER TABLE HC_INPUT_FILE ADD COLUMN IF NOT EXISTS SKIPPED_RECORDS BIGINT;

ALTER TABLE HC_INPUT_FILE ADD COLUMN IF NOT EXISTS SKIPPED_SHA256 VARCHAR(64);

ALTER TABLE HC_INPUT_FILE ADD COLUMN IF NOT EXISTS SKIPPED_FIRST_DAY DATE;

ALTER TABLE HC_INPUT_FILE ADD COLUMN IF NOT EXISTS SKIPPED_LAST_DAY DATE;
