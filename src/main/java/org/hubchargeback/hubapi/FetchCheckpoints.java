package org.hubchargeback.hubapi;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Per hub, the reported time up to which every window is fetched and kept ({@code HC_USAGE_FETCH}).
 */
final class FetchCheckpoints {

	private final JdbcTemplate jdbc;

	FetchCheckpoints(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @return the end of the last window fetched, or null when none was
	 */
	@Nullable Instant fetchedTo(String hub) {
		List<OffsetDateTime> rows = this.jdbc.queryForList("SELECT FETCHED_TO FROM HC_USAGE_FETCH WHERE HUB = ?",
				OffsetDateTime.class, hub);
		return rows.isEmpty() ? null : rows.get(0).toInstant();
	}

	void record(String hub, Instant fetchedTo, String file, Instant now) {
		OffsetDateTime to = fetchedTo.atOffset(ZoneOffset.UTC);
		OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
		int updated = this.jdbc.update("UPDATE HC_USAGE_FETCH SET FETCHED_TO = ?, LAST_FILE = ?, UPDATED_AT = ?"
				+ " WHERE HUB = ?", to, file, at, hub);
		if (updated == 0) {
			this.jdbc.update("INSERT INTO HC_USAGE_FETCH (HUB, FETCHED_TO, LAST_FILE, UPDATED_AT) VALUES (?, ?, ?, ?)",
					hub, to, file, at);
		}
	}

}
