package org.hubchargeback.ledger;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * What other published folders charged when a run started: per hub and usage day, the folder whose range holds the
 * day, and the input files whose records of that day some folder (that one, or a later one charging late usage)
 * accounted for. Plain data, read once per run partition; a restart sees the same view.
 */
public final class RunLedger {

	public static final RunLedger EMPTY = new RunLedger(List.of());

	private final Map<HubDay, String> folders = new HashMap<>();

	private final Map<HubDay, Map<String, Account>> files = new HashMap<>();

	private final Map<HubDay, List<Account>> accountingOrder = new HashMap<>();

	/**
	 * @param entries the view's rows: a day's folder (with an empty path) or one file it accounted for
	 */
	public RunLedger(List<Entry> entries) {
		for (Entry entry : entries) {
			HubDay key = new HubDay(entry.hub(), entry.day());
			if (entry.path().isEmpty()) {
				this.folders.put(key, entry.folder());
			}
			else {
				Account account = new Account(entry.folder(), entry.path(), entry.sha256(), entry.firstRunId(),
						entry.own());
				if (!entry.own()) {
					this.files.computeIfAbsent(key, (k) -> new TreeMap<>()).put(entry.path(), account);
				}
				this.accountingOrder.computeIfAbsent(key, (k) -> new ArrayList<>()).add(account);
			}
		}
		this.accountingOrder.values()
			.forEach((accounts) -> accounts.sort(Comparator.comparingLong(Account::firstRunId)
				.thenComparing(Account::folder)
				.thenComparing(Account::path)));
	}

	/**
	 * @return what a record of this hub, usage day and input file is to a run of the range {@code from..to}
	 */
	public Route route(String hub, LocalDate day, String path, LocalDate from, LocalDate to) {
		HubDay key = new HubDay(hub, day);
		Map<String, Account> accounted = this.files.get(key);
		if (accounted != null && accounted.containsKey(path)) {
			return Route.ACCOUNTED;
		}
		if (!day.isBefore(from) && !day.isAfter(to)) {
			return Route.CHARGE;
		}
		return this.folders.containsKey(key) ? Route.LATE : Route.OUT_OF_RANGE;
	}

	/**
	 * @return the folder whose range charges the day, or null when no other published folder does
	 */
	public @Nullable String folder(String hub, LocalDate day) {
		return this.folders.get(new HubDay(hub, day));
	}

	/**
	 * @return path to the folder that accounted for the file's records of the day, and the file's SHA-256 then
	 */
	public Map<String, Account> accountedFiles(String hub, LocalDate day) {
		return this.files.getOrDefault(new HubDay(hub, day), Map.of());
	}

	/**
	 * @return the files folders accounted for the day's records of, in the order they did (the run's own folder's
	 * among them, from when it was published before): a later folder charged only records no earlier one had
	 */
	public List<Account> accountingOrder(String hub, LocalDate day) {
		return this.accountingOrder.getOrDefault(new HubDay(hub, day), List.of());
	}

	/**
	 * @return every file some other folder accounted for, with its SHA-256 then (a file accounted for on several days
	 * has one content)
	 */
	public Map<String, Account> accountedFiles() {
		Map<String, Account> all = new TreeMap<>();
		this.files.values().forEach(all::putAll);
		return all;
	}

	/**
	 * What a run does with a valid usage record.
	 */
	public enum Route {

		/** its day is in the run's range: charge it */
		CHARGE,

		/**
		 * another published folder charges its day and has not seen the record's file: the record may be late
		 * usage (charged here) or a re-export of a record charged there (a duplicate)
		 */
		LATE,

		/**
		 * another published folder already accounted for the file's records of this day: the record tells late
		 * usage of the day from re-exports, and is not charged again
		 */
		ACCOUNTED,

		/** its day is outside the range and no published folder charges it: a later run will */
		OUT_OF_RANGE

	}

	/**
	 * A row of the view.
	 *
	 * @param path an input file the folder accounted for the day's records of, or empty for the day's own folder
	 * @param sha256 the file's SHA-256 when it was accounted for (empty for the day's own folder)
	 * @param firstRunId the job instance that first published the folder's accounting of the day
	 * @param own whether the folder is the run's own (its previous publication)
	 */
	public record Entry(String hub, LocalDate day, String folder, String path, String sha256, long firstRunId,
			boolean own) {
	}

	/**
	 * A file whose records of a day a published folder accounted for.
	 *
	 * @param sha256 the file's SHA-256 then
	 * @param own whether the folder is the run's own
	 */
	public record Account(String folder, String path, String sha256, long firstRunId, boolean own) {
	}

	private record HubDay(String hub, LocalDate day) {
	}

}
