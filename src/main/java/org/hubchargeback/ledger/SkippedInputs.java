package org.hubchargeback.ledger;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * Which input files a run need not read: a night's cost must not grow with the exports of earlier nights beside it.
 * A file is skipped only when reading it could change nothing the run charges: a published run read it with the same
 * size and modification time, none of its usage days is in the range, and each of them is either charged by no other
 * folder (its records are out of range, for a later run) or charged by a folder that already accounted for this
 * file's records of it (they are not charged again). Records of such a day that other files bring as late usage are
 * told from re-exports by this file's records, so the run reads it after all when one does (the load step's second
 * pass); a file never read before, or changed since, is always read.
 */
public final class SkippedInputs {

	private SkippedInputs() {
	}

	/**
	 * @param bytes the file's size now
	 * @param modified its last-modified time now
	 * @param known what the ledger recorded when a published run last read the file, or null
	 * @param view what other published folders charge, as the run sees it
	 * @return what the run counts for the file instead of reading it, or null: read it
	 */
	public static @Nullable Skip skip(String hub, String path, long bytes, String modified, @Nullable Known known,
			RunLedger view, LocalDate from, LocalDate to) {
		if (known == null || !known.hub().equals(hub) || known.bytes() != bytes || known.modified().isEmpty()
				|| !known.modified().equals(modified)) {
			return null;
		}
		LocalDate first = known.firstDay();
		LocalDate last = known.lastDay();
		if (first == null || last == null || !(last.isBefore(from) || first.isAfter(to))) {
			// no valid record (its rows are rejected again, with file and line) or usage of the range
			return null;
		}
		for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
			if (view.folder(hub, day) != null && !view.accountedFiles(hub, day).containsKey(path)) {
				// its records of the day may be late usage, charged by the run that finds them
				return null;
			}
		}
		return new Skip(known.records(), known.sha256(), first, last);
	}

	/**
	 * An input file as the ledger recorded it when a published run last read it.
	 *
	 * @param modified its last-modified time then (empty when not recorded)
	 * @param firstDay its first usage day, or null when it held no valid record
	 */
	public record Known(String hub, long bytes, String modified, String sha256, long records,
			@Nullable LocalDate firstDay, @Nullable LocalDate lastDay) {
	}

	/**
	 * A file the run does not read, and what it counts for it: the records, SHA-256 and usage days a published run
	 * read in it.
	 */
	public record Skip(long records, String sha256, LocalDate firstDay, LocalDate lastDay) {
	}

}
