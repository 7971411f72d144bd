package org.hubchargeback.focus;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The meter catalog's unit texts in FOCUS UnitFormat, for {@code PricingUnit} and {@code ConsumedUnit}. The
 * docs, the script and rate cards spell one unit several ways ("Disks*month", "Count of Disks*month", "Disk * Month",
 * "10,000's"), so texts are compared lowercase without apostrophes and with spaces around {@code *} removed.
 */
final class FocusUnits {

	/** What a unit nobody knows is priced in: FOCUS's generic count unit. */
	static final String UNKNOWN = "Units";

	private static final Pattern SPACES_AROUND_TIMES = Pattern.compile("\\s*\\*\\s*");

	private static final Pattern SPACES = Pattern.compile("\\s+");

	private static final Map<String, String> BY_CATALOG_UNIT = Map.ofEntries(
			// storage capacity, database size: size × hours (daily records are the hourly sum)
			Map.entry("gb*hours", "GB-Hours"), Map.entry("mb*hours", "MB-Hours"), Map.entry("byte*hours", "B-Hours"),
			Map.entry("gb*month", "GB-Months"),
			// compute
			Map.entry("virtual core hours", "Core-Hours"), Map.entry("core*hours", "Core-Hours"),
			Map.entry("vm hours", "VM-Hours"), Map.entry("hour", "Hours"), Map.entry("1 hour", "Hours"),
			Map.entry("hours", "Hours"), Map.entry("gb-s", "GB-Seconds"),
			// managed disks, counted per disk
			Map.entry("disks*month", "Disk-Months"), Map.entry("count of disks*month", "Disk-Months"),
			Map.entry("disk*month", "Disk-Months"), Map.entry("disks*hours", "Disk-Hours"),
			Map.entry("count of disks*hours", "Disk-Hours"), Map.entry("disk*hour", "Disk-Hours"),
			// data transfer
			Map.entry("ingress data in gb", "GB"), Map.entry("egress in gb", "GB"), Map.entry("gb", "GB"),
			// IP meters count addresses each hour, so a day's quantity is address-hours
			Map.entry("ip addresses", "IP Address-Hours"), Map.entry("ip address", "IP Address-Hours"),
			// transactions are requests, billed in blocks
			Map.entry("request count in 10,000s", "10000 Requests"),
			Map.entry("requests count in 10,000s", "10000 Requests"), Map.entry("10k transactions", "10000 Requests"),
			Map.entry("10 requests", "10 Requests"),
			// App Service certificates bound to a site
			Map.entry("per sni ssl binding", "Bindings"), Map.entry("per ip based ssl binding", "Bindings"));

	private FocusUnits() {
	}

	/**
	 * @param catalogUnit the unit text of the chargeback file (the catalog's), possibly empty
	 * @return the unit in UnitFormat, or {@link #UNKNOWN} for an empty or unknown text
	 */
	static String pricingUnit(String catalogUnit) {
		String unit = mapped(catalogUnit);
		return (unit != null) ? unit : UNKNOWN;
	}

	/**
	 * @return the unit in UnitFormat, or null when the text is not one this class knows
	 */
	static @Nullable String mapped(String catalogUnit) {
		// the docs write "10,000's", the script "10,000s"
		String unit = catalogUnit.strip().toLowerCase(Locale.ROOT).replace("'", "");
		String key = SPACES_AROUND_TIMES.matcher(unit).replaceAll("*");
		return BY_CATALOG_UNIT.get(SPACES.matcher(key).replaceAll(" "));
	}

}
