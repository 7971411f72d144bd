-- The ledger: what every published folder charges, across nights and reruns (README "The ledger"). Rows belong to a
-- published folder (its range name, e.g. 2026-11-16_2026-11-16) and are replaced whole when the folder is published
-- again; a dry run writes none.

-- which published folder charges each hub's usage day: the folder of the day's range (LATE = FALSE, one per day),
-- and folders that charged late-reported records of the day afterwards (LATE = TRUE)
CREATE TABLE HC_LEDGER_DAY (
	HUB VARCHAR(100) COLLATE "C" NOT NULL,
	USAGE_DATE DATE NOT NULL,
	FOLDER VARCHAR(40) COLLATE "C" NOT NULL,
	RUN BIGINT NOT NULL,
	RUN_ID BIGINT NOT NULL,
	LATE BOOLEAN NOT NULL,
	RECORDS BIGINT NOT NULL,
	-- of them, charged to the hub's default subscription: a later run compares its share with the hub's usual one
	DEFAULT_RECORDS BIGINT NOT NULL,
	QUANTITY NUMERIC NOT NULL,
	PRIMARY KEY (HUB, USAGE_DATE, FOLDER)
);

-- the input files whose records of a hub's usage day a published folder accounted for (charged, counted as
-- duplicates or rejected): a later run treats those records as charged, so only records of other files can be late
CREATE TABLE HC_LEDGER_FILE (
	HUB VARCHAR(100) COLLATE "C" NOT NULL,
	USAGE_DATE DATE NOT NULL,
	FOLDER VARCHAR(40) COLLATE "C" NOT NULL,
	PATH VARCHAR(4000) COLLATE "C" NOT NULL,
	SHA256 CHAR(64) NOT NULL,
	-- the job instance that first published the folder's accounting of the day, kept by its reruns: the order in
	-- which folders accounted for a day's files, so a rerun knows which records the others charged
	FIRST_RUN_ID BIGINT NOT NULL,
	PRIMARY KEY (HUB, USAGE_DATE, FOLDER, PATH)
);

-- every input file a published run read: its content and the usage days it holds (exports carry no reported time)
CREATE TABLE HC_LEDGER_INPUT (
	PATH VARCHAR(4000) COLLATE "C" NOT NULL PRIMARY KEY,
	HUB VARCHAR(100) COLLATE "C" NOT NULL,
	BYTES BIGINT NOT NULL,
	-- its last-modified time then: with the size, what tells a later run the file is unchanged without reading it
	MODIFIED VARCHAR(40) DEFAULT '' NOT NULL,
	SHA256 CHAR(64) NOT NULL,
	RECORDS BIGINT NOT NULL,
	FIRST_USAGE_DATE DATE,
	LAST_USAGE_DATE DATE,
	FIRST_FOLDER VARCHAR(40) COLLATE "C" NOT NULL,
	LAST_FOLDER VARCHAR(40) COLLATE "C" NOT NULL
);

-- a run's view of the ledger, taken when it starts so that a restart sees the same: per hub and usage day another
-- folder charges, that folder (PATH ''), the files it accounted for, and those the run's own folder accounted for
-- when it was published before (OWN)
CREATE TABLE HC_RUN_LEDGER (
	RUN_ID BIGINT NOT NULL,
	HUB VARCHAR(100) COLLATE "C" NOT NULL,
	USAGE_DATE DATE NOT NULL,
	FOLDER VARCHAR(40) COLLATE "C" NOT NULL,
	PATH VARCHAR(4000) COLLATE "C" NOT NULL,
	SHA256 VARCHAR(64) NOT NULL,
	FIRST_RUN_ID BIGINT NOT NULL,
	OWN BOOLEAN NOT NULL
);

CREATE INDEX HC_RUN_LEDGER_RUN ON HC_RUN_LEDGER (RUN_ID);

-- the input files whose records of a usage day the run accounted for (written by each usage day's step)
CREATE TABLE HC_RUN_ACCOUNTED (
	RUN_ID BIGINT NOT NULL,
	BUCKET VARCHAR(200) NOT NULL,
	HUB VARCHAR(100) COLLATE "C" NOT NULL,
	USAGE_DATE DATE NOT NULL,
	FILE_IDX INT NOT NULL
);

CREATE INDEX HC_RUN_ACCOUNTED_BUCKET ON HC_RUN_ACCOUNTED (RUN_ID, BUCKET);
