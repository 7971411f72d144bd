package org.hubchargeback.usage;

/**
 * A local Azure Stack Hub meter from the catalog.
 *
 * @param name the name as the docs' usage-meter list spells it: bare and not unique ("S4" is a current and a
 * deprecated meter), so outputs show {@link #label()}
 * @param source where the meter is known from: {@code docs} (the usage FAQ's meter list), {@code docs-faq} (only the
 * FAQ's later revision), {@code docs-2016} (only the 2016 FAQ) or {@code script} (only {@code Usagesummary.ps1})
 */
public record Meter(String id, String name, String unit, String resourceProvider, boolean deprecated, String source) {

	/**
	 * The name every output shows: the docs' name, with "(deprecated)" for a deprecated meter, so that beside its
	 * unit no two meters of the catalog read alike (checked by a test).
	 */
	public String label() {
		return this.deprecated ? this.name + " (deprecated)" : this.name;
	}

}
