package org.hubchargeback.loading;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The lengths a usage record may cover.
 */
public final class UsageBuckets {

	private UsageBuckets() {
	}

	/**
	 * Usage is reported per hour or per day. A longer bucket that is not a day is a record whose dates were read
	 * wrong (an en-AU {@code 1/11/2026 → 2/11/2026} day read as en-US is 11 January to 11 February, 31 days) and
	 * charging it would put a day's usage on another day, or split it over a month. Shorter buckets cannot come from
	 * swapped days and months, and are taken as they are (finer exports, tests).
	 * @return why the bucket is refused, or null for a bucket of an hour or less, or a day
	 */
	public static @Nullable String bucket(Instant start, Instant end) {
		Duration length = Duration.between(start, end);
		if (length.compareTo(Duration.ofHours(1)) <= 0 || length.equals(Duration.ofDays(1))) {
			return null;
		}
		return "the usage bucket " + start + " .. " + end + " lasts "
				+ length.toString().substring(2).toLowerCase(Locale.ROOT) + ", neither an hour nor a day: is the hub's culture right (en-AU or en-GB dates read as en-US turn a day"
				+ " into a month)? Nothing is charged until the hub's culture matches its exports";
	}

}
