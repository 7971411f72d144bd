package org.hubchargeback.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Record counts by outcome. Every input record is charged to a customer subscription, charged to a default
 * subscription, rejected, a duplicate or out of range, so {@code inputRecords} is the sum of the others.
 * {@code lateRecords} are the charged ones (either kind) of usage days outside the range: late-reported usage of days
 * other published folders charge.
 */
public record ControlTotals(long inputRecords, long chargedRecords, long defaultRecords, long rejectedRecords,
		long duplicateRecords, long outOfRangeRecords, long lateRecords) {

	public ControlTotals(long inputRecords, long chargedRecords, long defaultRecords, long rejectedRecords,
			long duplicateRecords, long outOfRangeRecords) {
		this(inputRecords, chargedRecords, defaultRecords, rejectedRecords, duplicateRecords, outOfRangeRecords, 0);
	}

	public ControlTotals withLate(long late) {
		return new ControlTotals(this.inputRecords, this.chargedRecords, this.defaultRecords, this.rejectedRecords,
				this.duplicateRecords, this.outOfRangeRecords, late);
	}

	private static final Set<String> OUTCOMES = Set.of("REGISTERED", "DEFAULT", "REJECTED", "DUPLICATE",
			"OUT_OF_RANGE");

	/**
	 * @param outcomes staged record counts by outcome
	 * @param inputRecords records read, counted independently of the outcomes
	 * @throws IllegalStateException naming an outcome nobody knows
	 */
	public static ControlTotals of(Map<String, Long> outcomes, long inputRecords) {
		for (String outcome : outcomes.keySet()) {
			if (!OUTCOMES.contains(outcome)) {
				throw new IllegalStateException("unknown record outcome " + outcome);
			}
		}
		return new ControlTotals(inputRecords, outcomes.getOrDefault("REGISTERED", 0L),
				outcomes.getOrDefault("DEFAULT", 0L), outcomes.getOrDefault("REJECTED", 0L),
				outcomes.getOrDefault("DUPLICATE", 0L), outcomes.getOrDefault("OUT_OF_RANGE", 0L));
	}

	public long accountedRecords() {
		return this.chargedRecords + this.defaultRecords + this.rejectedRecords + this.duplicateRecords
				+ this.outOfRangeRecords;
	}

	public boolean balances() {
		return this.inputRecords == accountedRecords();
	}

	public Map<String, Object> toMap() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("inputRecords", this.inputRecords);
		map.put("chargedRecords", this.chargedRecords);
		map.put("defaultRecords", this.defaultRecords);
		map.put("rejectedRecords", this.rejectedRecords);
		map.put("duplicateRecords", this.duplicateRecords);
		map.put("outOfRangeRecords", this.outOfRangeRecords);
		if (this.lateRecords > 0) {
			map.put("lateRecords", this.lateRecords);
		}
		return map;
	}

	@Override
	public String toString() {
		return this.inputRecords + " input records: " + this.chargedRecords + " charged to customer subscriptions, "
				+ this.defaultRecords + " to default subscriptions, " + this.rejectedRecords + " rejected, "
				+ this.duplicateRecords + " duplicate, " + this.outOfRangeRecords + " out of range"
				+ ((this.lateRecords > 0) ? "; of the charged, " + this.lateRecords
						+ " are late-reported usage of earlier days (" + RunPaths.LATE_USAGE + ")" : "");
	}

}
