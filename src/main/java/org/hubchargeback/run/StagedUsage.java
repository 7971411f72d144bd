package org.hubchargeback.run;

import org.hubchargeback.resolution.Resolution;
import org.hubchargeback.usage.UsageRecord;

/**
 * What loading makes of one input record: a usable record with its resolution, or a rejection with its reason.
 */
public sealed interface StagedUsage {

	long seq();

	/**
	 * @param outcome REGISTERED, DEFAULT (also for possibly late usage of a day another folder charges), ACCOUNTED or
	 * OUT_OF_RANGE (duplicates are found after loading)
	 */
	record Accepted(long seq, int fileIndex, long line, UsageRecord record, Resolution resolution,
			Outcome outcome) implements StagedUsage {
	}

	record Rejected(long seq, int fileIndex, long line, String hub, String field, String reason,
			String rawLine) implements StagedUsage {
	}

	/**
	 * Where a valid record ends up; with rejections these add up to the records read.
	 */
	enum Outcome {

		REGISTERED, DEFAULT, OUT_OF_RANGE, DUPLICATE,

		/**
		 * A record of a file whose records of its usage day another published folder already accounted for: it is
		 * counted as out of range (charged there), and tells late usage of the day from re-exports. Never stored.
		 */
		ACCOUNTED

	}

}
