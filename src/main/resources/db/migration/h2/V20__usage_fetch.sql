-- Usage fetched from a hub's usage API (issue 20, docs/usage-api.md): per hub, the reported time up to which every
-- whole window is fetched and kept as a file. A window is recorded only after its file is in place, so a crash in
-- the middle of a fetch fetches that window again.
CREATE TABLE IF NOT EXISTS HC_USAGE_FETCH (
	HUB VARCHAR(100) NOT NULL PRIMARY KEY,
	-- the end (exclusive) of the last window fetched, and the start of the next one
	FETCHED_TO TIMESTAMP WITH TIME ZONE NOT NULL,
	LAST_FILE VARCHAR(4000) NOT NULL,
	UPDATED_AT TIMESTAMP WITH TIME ZONE NOT NULL
);
