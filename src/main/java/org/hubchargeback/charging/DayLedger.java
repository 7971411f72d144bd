package org.hubchargeback.charging;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Charges the usage records of one usage day of one hub, fed in reading order (by input file, then line). A record
 * read twice (overlapping exports) is the same hub subscription, meter, resource (in any case), instance data (its
 * location, tags and additional information, normalized: see {@code InstanceData}), start and end: the first
 * occurrence is charged, an identical repeat counts as a duplicate, and a repeat with another quantity is a
 * conflict, because charging either one silently would be a guess. Quantities that agree to 15 significant digits
 * are identical: Windows PowerShell 5.1 writes a double with 15, PowerShell 7 with up to 17, so one record exported
 * by both reads as {@code 0.3} and {@code 0.30000000000000004}. Two records that differ only in instance data (a tag
 * changed, a VM resized within the hour) are both charged, on the same chargeback row. A usage day is the unit because a record and its
 * repeats always share one: a ledger holds one hub-day's record identities, whatever the length of the range.
 * <p>
 * Records that another published folder already accounted for (see {@link #accounted}) come first: they are not
 * charged again, and a record read after them that repeats one is a duplicate (a re-export), not late usage.
 * <p>
 * The hot path of a run: fastest when equal strings are one instance, as the spill reader gives them.
 */
public final class DayLedger {

	private final Map<Usage, Occurrences> seen = new HashMap<>();

	private final Map<LineKey, Sum> lines = new HashMap<>();

	private final Map<TotalKey, Sum> duplicates = new HashMap<>();

	private final List<Conflict> conflicts = new ArrayList<>();

	// one instance per string value: lowercasing each once keeps the keys' hashes cached
	private final Map<String, String> resourceKeys = new IdentityHashMap<>();

	private long records;

	/**
	 * Records the run's own folder accounted for before another folder did: that folder did not charge them.
	 */
	private final Set<Identity> own = new HashSet<>();

	/**
	 * Takes a record of the day that another published folder already accounted for, before any record to charge:
	 * its identity and quantity are remembered, nothing is charged or counted.
	 */
	public void accounted(ChargeableUsage usage) {
		if (this.records > 0) {
			throw new IllegalStateException("records already accounted for come before the records to charge");
		}
		String resourceKey = resourceKey(usage);
		if (!this.own.isEmpty() && this.own.contains(Identity.of(usage, resourceKey))) {
			return;
		}
		Occurrences occurrences = occurrences(usage, resourceKey);
		if (occurrences.find(usage.usageStart(), usage.usageEnd()) < 0) {
			occurrences.add(usage);
		}
	}

	/**
	 * Takes a record that the run's own folder, when it was published before, accounted for ahead of the folders
	 * whose records follow in {@link #accounted}: those folders did not charge it (it repeated this one), so it is
	 * not among what they charged. It is charged (or not) when it is read again with the run's records.
	 */
	public void accountedByOwnFolder(ChargeableUsage usage) {
		if (this.records > 0) {
			throw new IllegalStateException("records already accounted for come before the records to charge");
		}
		this.own.add(Identity.of(usage, resourceKey(usage)));
	}

	/**
	 * Takes the day's next record in reading order.
	 */
	public void read(ChargeableUsage usage) {
		this.records++;
		String resourceKey = resourceKey(usage);
		Occurrences occurrences = occurrences(usage, resourceKey);
		int first = occurrences.find(usage.usageStart(), usage.usageEnd());
		if (first < 0) {
			occurrences.add(usage);
			occurrences.sum(usage, resourceKey, this.lines).add(usage);
		}
		else if (sameQuantity(occurrences.quantity(first), usage.quantity())) {
			this.duplicates.computeIfAbsent(TotalKey.of(usage), (k) -> new Sum()).add(usage);
		}
		else {
			this.conflicts.add(new Conflict(usage, occurrences.fileIndex(first), occurrences.line(first),
					occurrences.quantity(first)));
		}
	}

	private static final MathContext DOUBLE_AS_WINDOWS_POWERSHELL_WRITES_IT = new MathContext(15, RoundingMode.HALF_EVEN);

	/**
	 * Equal, or equal once both are rounded to the 15 significant digits Windows PowerShell 5.1 writes a double with.
	 */
	static boolean sameQuantity(BigDecimal first, BigDecimal repeat) {
		if (first.compareTo(repeat) == 0) {
			return true;
		}
		return (first.precision() > 15 || repeat.precision() > 15) && first.round(DOUBLE_AS_WINDOWS_POWERSHELL_WRITES_IT)
			.compareTo(repeat.round(DOUBLE_AS_WINDOWS_POWERSHELL_WRITES_IT)) == 0;
	}

	private String resourceKey(ChargeableUsage usage) {
		return this.resourceKeys.computeIfAbsent(usage.resourceUri(), (uri) -> uri.toLowerCase(Locale.ROOT));
	}

	private Occurrences occurrences(ChargeableUsage usage, String resourceKey) {
		return this.seen.computeIfAbsent(
				new Usage(usage.hubSubscriptionId(), usage.meterId(), resourceKey, usage.instance()),
				(k) -> new Occurrences());
	}

	/**
	 * @return the records read
	 */
	public long records() {
		return this.records;
	}

	/**
	 * @return the day's chargeback rows, unpriced until priced with {@link Sum#price}
	 */
	public Map<LineKey, Sum> lines() {
		return Collections.unmodifiableMap(this.lines);
	}

	/**
	 * The day's charged totals: its chargeback rows summed without their resource, with the costs of rows priced
	 * so far (price them first).
	 */
	public Map<TotalKey, Sum> totals() {
		Map<TotalKey, Sum> totals = new HashMap<>();
		this.lines.forEach((k, sum) -> totals.computeIfAbsent(TotalKey.of(k), (t) -> new Sum()).merge(sum));
		return totals;
	}

	/**
	 * @return the identical repeats, summed
	 */
	public Map<TotalKey, Sum> duplicates() {
		return Collections.unmodifiableMap(this.duplicates);
	}

	/**
	 * @return the repeats with another quantity, in reading order
	 */
	public List<Conflict> conflicts() {
		return Collections.unmodifiableList(this.conflicts);
	}

	/**
	 * A repeat with another quantity than the record's first occurrence, which alone is charged.
	 *
	 * @param firstFileIndex input file index of the first occurrence
	 * @param firstLine its line
	 * @param firstQuantity its quantity, the one charged
	 */
	public record Conflict(ChargeableUsage usage, int firstFileIndex, long firstLine, BigDecimal firstQuantity) {
	}

	private record Identity(String hubSubscriptionId, String meterId, String resourceKey, String instance,
			Instant start, Instant end) {

		static Identity of(ChargeableUsage usage, String resourceKey) {
			return new Identity(usage.hubSubscriptionId(), usage.meterId(), resourceKey, usage.instance(),
					usage.usageStart(), usage.usageEnd());
		}

	}

}
