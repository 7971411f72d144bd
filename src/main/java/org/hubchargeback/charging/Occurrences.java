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

	private BigDecimal[] quantities = new BigDecimal[HOURS];

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
			this.quantities = Arrays.copyOf(this.quantities, capacity);
			this.fileIndexes = Arrays.copyOf(this.fileIndexes, capacity);
			this.lines = Arrays.copyOf(this.lines, capacity);
		}
		int i = this.size++;
		this.startSeconds[i] = u.usageStart().getEpochSecond();
		this.endSeconds[i] = u.usageEnd().getEpochSecond();
		this.nanos[2 * i] = u.usageStart().getNano();
		this.nanos[2 * i + 1] = u.usageEnd().getNano();
		this.quantities[i] = u.quantity();
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
		return this.quantities[i];
	}

	int fileIndex(int i) {
		return this.fileIndexes[i];
	}

	long line(int i) {
		return this.lines[i];
	}

}
