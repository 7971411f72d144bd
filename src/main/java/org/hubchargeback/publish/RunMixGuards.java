package org.hubchargeback.publish;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * What a run's mix says about its inputs, once its totals are known: the signs of an export that is missing, read
 * with the wrong culture, or charged without the hub's user subscriptions. Each adds up (the control totals balance)
 * and would publish a complete-looking folder that moves money to the wrong subscription, or charges nobody; each is
 * a warning finance must see (exit 3, {@code WARNINGS.txt}).
 */
public final class RunMixGuards {

	/**
	 * Above this share of a hub's charged records falling to its default subscription for want of a tenant, the
	 * hub's user-subscription list is probably out of date (new subscriptions missing from it).
	 */
	static final double MAX_WITHOUT_TENANT_SHARE = 0.5;

	/**
	 * A day of the range with fewer records than this share of the hub's usual day is a partial export.
	 */
	static final double MIN_SHARE_OF_USUAL_DAY = 0.5;

	/**
	 * The published days of a hub that tell its usual day, at least: fewer say nothing yet.
	 */
	static final int MIN_RECENT_DAYS = 3;

	/**
	 * A hub's share of records charged to its default subscription may rise this much (absolutely) above its usual
	 * share before it is a warning.
	 */
	static final double MAX_DEFAULT_SHARE_RISE = 0.25;

	/**
	 * Fewer records than this, in the run or in the hub's recent days, say nothing about shares.
	 */
	static final long MIN_RECORDS_FOR_SHARE = 20;

	private RunMixGuards() {
	}

	/**
	 * A hub whose usage falls to its default subscription far more than on its recent published days: the
	 * registration lost customer subscriptions, or the user-subscription list lost subscriptions, and money moves from
	 * customers to the CSP's own subscription.
	 *
	 * @param charged records the run charged of the hub's days in the range
	 * @param defaulted of them, charged to the default subscription
	 * @param recentCharged records of the hub's recent published days
	 * @param recentDefaulted of them, charged to the default subscription
	 * @return the warning, or null
	 */
	public static @Nullable String defaultShareRise(String hub, long charged, long defaulted, long recentCharged,
			long recentDefaulted) {
		if (charged < MIN_RECORDS_FOR_SHARE || recentCharged < MIN_RECORDS_FOR_SHARE) {
			return null;
		}
		double share = (double) defaulted / charged;
		double usual = (double) recentDefaulted / recentCharged;
		if (share - usual <= MAX_DEFAULT_SHARE_RISE) {
			return null;
		}
		return "Hub " + hub + ": " + percent(share) + " of its charged records fall to its default subscription, against "
				+ percent(usual) + " on its recent published days: has the registration lost customer subscriptions"
				+ " (--diff-snapshots), or the user-subscription list lost subscriptions? See unregistered-tenants.csv;"
				+ " rerun the range once it is right";
	}

	private static String percent(double share) {
		return Math.round(share * 100) + "%";
	}

	/**
	 * A day of the range on which a hub has far fewer records than on its recent published days: an export cut short
	 * (a script stopped mid-night, a file copied while written) charges a complete-looking day with part of its usage.
	 * Days without any usage are told by {@link #warnings}.
	 *
	 * @param recordsPerDay records charged per day of the range
	 * @param recentDays records of the hub's latest published days before the range, as the ledger has them
	 * @return the warnings, one per day
	 */
	public static List<String> partialDays(String hub, Map<LocalDate, Long> recordsPerDay, List<Long> recentDays) {
		if (recentDays.size() < MIN_RECENT_DAYS) {
			return List.of();
		}
		List<Long> sorted = recentDays.stream().sorted().toList();
		long usual = sorted.get(sorted.size() / 2);
		List<String> warnings = new ArrayList<>();
		new TreeMap<>(recordsPerDay).forEach((day, records) -> {
			if (records > 0 && records < MIN_SHARE_OF_USUAL_DAY * usual) {
				warnings.add("Hub " + hub + ": " + day + " has " + records + " record(s), far fewer than its usual "
						+ usual + " (median of its last " + recentDays.size() + " published days): the day's export"
						+ " is probably partial; replace it with a complete one and rerun the range");
			}
		});
		return warnings;
	}

	/**
	 * One hub's totals in the run.
	 *
	 * @param name the hub
	 * @param hasUserSubscriptions whether a user-subscription list was configured
	 * @param inputRecords records read from its exports
	 * @param chargedRecords records charged (customer or default subscription) of days in the range
	 * @param outOfRangeRecords records dated outside the range
	 * @param withoutTenantRecords charged to the default subscription because no tenant is known for their
	 * subscription
	 * @param daysWithUsage the days of the range with charged usage
	 * @param lastUsageEnd the end of the latest usage charged, or null
	 * @param inputFolders the hub's input folders, as the operator reads them
	 * @param lastLedgerDay the latest usage day with records the ledger knows for the hub (any run), or null
	 */
	public record Hub(String name, boolean hasUserSubscriptions, long inputRecords, long chargedRecords,
			long outOfRangeRecords, long withoutTenantRecords, Set<LocalDate> daysWithUsage,
			@Nullable Instant lastUsageEnd, List<String> inputFolders, @Nullable LocalDate lastLedgerDay) {
	}

	/**
	 * @return the warnings, in hub order
	 */
	public static List<String> warnings(LocalDate from, LocalDate to, List<Hub> hubs) {
		List<String> warnings = new ArrayList<>();
		for (Hub hub : hubs) {
			if (hub.inputRecords() > 0 && hub.chargedRecords() == 0 && hub.outOfRangeRecords() > 0) {
				warnings.add("Hub " + hub.name() + ": all " + hub.outOfRangeRecords() + " usable record(s) fall outside "
						+ from + ".." + to + ", nothing of the hub is charged: are the exports of these days, and"
						+ " is the hub's culture right (an en-AU 3/11/2026 read as en-US is 11 March)?");
				continue;
			}
			if (hub.chargedRecords() == 0 && hub.daysWithUsage().isEmpty()) {
				// every export of the hub missing, or put in another folder, looks like this; so does a retired hub,
				// which belongs out of the configuration
				warnings.add("Hub " + hub.name() + ": no usage at all in " + from + ".." + to + " ("
						+ ((hub.inputRecords() > 0) ? hub.inputRecords() + " record(s) read, none charged; " : "")
						+ "input folders " + String.join(", ", hub.inputFolders()) + "; the last usage day the ledger"
						+ " knows for it: " + ((hub.lastLedgerDay() != null) ? hub.lastLedgerDay() : "none") + "):"
						+ " its exports are probably missing or in another folder; add them and rerun the range, or"
						+ " remove the hub from hub-chargeback.hubs if it no longer runs");
				continue;
			}
			List<LocalDate> missing = from.datesUntil(to.plusDays(1)).filter((day) -> !hub.daysWithUsage().contains(day)).toList();
			if (!missing.isEmpty()) {
				warnings.add("Hub " + hub.name() + ": no usage on " + days(missing) + " (last usage charged "
						+ ((hub.lastUsageEnd() != null) ? "ends " + hub.lastUsageEnd() : ": none") + "): an export is"
						+ " probably missing; add it to the hub's input folder and rerun the range");
			}
			if (!hub.hasUserSubscriptions() && hub.withoutTenantRecords() > 0) {
				warnings.add("Hub " + hub.name() + ": no user-subscription list (user-subscriptions-file), so "
						+ hub.withoutTenantRecords() + " record(s) without a TenantId are charged to the default"
						+ " subscription; export Get-AzsUserSubscription and configure it");
			}
			else if (hub.chargedRecords() > 0
					&& hub.withoutTenantRecords() > MAX_WITHOUT_TENANT_SHARE * hub.chargedRecords()) {
				warnings.add("Hub " + hub.name() + ": " + hub.withoutTenantRecords() + " of " + hub.chargedRecords()
						+ " charged record(s) belong to hub subscriptions with no known tenant and are charged to"
						+ " the default subscription (SUBSCRIPTION_WITHOUT_TENANT in unregistered-tenants.csv):"
						+ " the user-subscription list is probably out of date; export it again and rerun the range");
			}
		}
		return warnings;
	}

	private static String days(List<LocalDate> days) {
		if (days.size() <= 3) {
			return String.join(", ", days.stream().map(LocalDate::toString).toList());
		}
		return days.size() + " days (" + days.get(0) + " .. " + days.get(days.size() - 1) + ")";
	}

}
