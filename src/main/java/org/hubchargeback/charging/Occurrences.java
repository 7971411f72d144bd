package org.hubchargeback.charging;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The first occurrence of each usage record of one {@link Usage} on the day (an hourly meter has 24), in arrays
 * rather than an object per record: a day of a large hub has millions of records.
 */
final class Occurrences {

	private static final int INDEXED = 64;

	// room for a day of hourly records, the hub's usual granularity: no growing, and less than growing to 32
	private static final int HOURS = 24;

	private long[] startSeconds = new long[HOURS];

	private long[] endSeconds = new long[HOURS];

	private int[] nanos = new int[2 * HOURS];

	// quantities as unscaled values and scales: an object per record kept for the whole day made most of the
	// garbage collector's work while summing a large hub-day (every young collection copies what survives)
	private long[] unscaled = new long[HOURS];

	private int[] scales = new int[HOURS];

	/**
	 * Quantities of more than 18 digits, which a long cannot hold unscaled, by index; null until there is one.
	 */
	private BigDecimal @Nullable [] wide;

	private int[] fileIndexes = new int[HOURS];

	private long[] lines = new long[HOURS];

	private int size;

	/**
	 * Beyond {@link #INDEXED} records (finer than hourly usage), a lookup by start instead of a scan.
	 */
	private @Nullable Map<Instant, List<Integer>> byStart;

	private @Nullable LineKey lastKey;

	private @Nullable Sum lastSum;

	/**
	 * @return the index of the record with this start and end, or -1
	 */
	int find(Instant start, Instant end) {
		if (this.byStart != null) {
			for (int i : this.byStart.getOrDefault(start, List.of())) {
				if (sameEnd(i, end)) {
					return i;
				}
			}
			return -1;
		}
		long startSecond = start.getEpochSecond();
		for (int i = 0; i < this.size; i++) {
			if (this.startSeconds[i] == startSecond && this.nanos[2 * i] == start.getNano() && sameEnd(i, end)) {
				return i;
			}
		}
		return -1;
	}

	private boolean sameEnd(int i, Instant end) {
		return this.endSeconds[i] == end.getEpochSecond() && this.nanos[2 * i + 1] == end.getNano();
	}

	void add(ChargeableUsage u) {
		if (this.size == this.startSeconds.length) {
			int capacity = this.size * 2;
			this.startSeconds = Arrays.copyOf(this.startSeconds, capacity);
			this.endSeconds = Arrays.copyOf(this.endSeconds, capacity);
			this.nanos = Arrays.copyOf(this.nanos, 2 * capacity);
			this.unscaled = Arrays.copyOf(this.unscaled, capacity);
			this.scales = Arrays.copyOf(this.scales, capacity);
			if (this.wide != null) {
				this.wide = Arrays.copyOf(this.wide, capacity);
			}
			this.fileIndexes = Arrays.copyOf(this.fileIndexes, capacity);
			this.lines = Arrays.copyOf(this.lines, capacity);
		}
		int i = this.size++;
		this.startSeconds[i] = u.usageStart().getEpochSecond();
		this.endSeconds[i] = u.usageEnd().getEpochSecond();
		this.nanos[2 * i] = u.usageStart().getNano();
		this.nanos[2 * i + 1] = u.usageEnd().getNano();
		BigDecimal quantity = u.quantity();
		if (quantity.precision() <= 18) {
			this.unscaled[i] = quantity.unscaledValue().longValue();
			this.scales[i] = quantity.scale();
		}
		else {
			if (this.wide == null) {
				this.wide = new BigDecimal[this.unscaled.length];
			}
			this.wide[i] = quantity;
		}
		this.fileIndexes[i] = u.fileIndex();
		this.lines[i] = u.line();
		if (this.byStart == null && this.size > INDEXED) {
			this.byStart = new HashMap<>();
			for (int j = 0; j < this.size; j++) {
				this.byStart.computeIfAbsent(Instant.ofEpochSecond(this.startSeconds[j], this.nanos[2 * j]),
						(k) -> new ArrayList<>()).add(j);
			}
		}
		else if (this.byStart != null) {
			this.byStart.computeIfAbsent(u.usageStart(), (k) -> new ArrayList<>()).add(i);
		}
	}

	/**
	 * The chargeback row the record adds to: nearly always the one the usage's previous record went to.
	 */
	Sum sum(ChargeableUsage u, String resourceKey, Map<LineKey, Sum> lines) {
		LineKey key = this.lastKey;
		Sum sum = this.lastSum;
		if (key == null || sum == null || !key.tenantId().equals(u.tenantId()) || key.reason() != u.reason()
				|| key.defaultReason() != u.defaultReason()
				|| !key.chargedSubscriptionId().equals(u.chargedSubscriptionId())) {
			key = new LineKey(u.tenantId(), u.hubSubscriptionId(), resourceKey, u.meterId(), u.reason(),
					u.defaultReason(), u.chargedSubscriptionId());
			sum = lines.computeIfAbsent(key, (k) -> new Sum());
			this.lastKey = key;
			this.lastSum = sum;
		}
		return sum;
	}

	BigDecimal quantity(int i) {
		BigDecimal wide = (this.wide != null) ? this.wide[i] : null;
		// the same unscaled value and scale: equal to the quantity read, digit for digit
		return (wide != null) ? wide : BigDecimal.valueOf(this.unscaled[i], this.scales[i]);
	}

	int fileIndex(int i) {
		return this.fileIndexes[i];
	}

	long line(int i) {
		return this.lines[i];
	}

}
