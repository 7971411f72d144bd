package org.hubchargeback.launch;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;

/**
 * The options the command line knows, so that a mistyped one ({@code --form}) stops the command instead of being
 * ignored: Spring reads every {@code --name=value} as a property, and a run without the option the operator meant
 * (a missed {@code --dry-run}, {@code --force} or {@code --to}) would do something else than asked.
 */
public final class CommandLineOptions {

	/**
	 * Every option a command reads, the launcher's short forms, and Spring Boot's own undotted switches.
	 */
	static final Set<String> KNOWN = Set.of("from", "to", "nightly", "as-of", "snapshot", "force", "dry-run", "ledger",
			"reconcile",
			"worker", "fetch-registrations", "list-snapshots", "diff-snapshots", "validate-registration",
			"register-customer", "unregister-customer", "hub", "customer-subscription", "tenant", "confirm",
			"output-dir", "data-dir", "version", "quiet", "debug", "trace", "fetch-usage", "reported-from",
			"reported-to");

	private CommandLineOptions() {
	}

	/**
	 * @param names the option names given, without {@code --}
	 * @return why the first unknown one is wrong, with the known option it most likely meant, if any
	 */
	public static Optional<String> unknown(Collection<String> names) {
		return names.stream()
			.filter((name) -> !isKnown(name))
			.sorted()
			.findFirst()
			.map((name) -> "unknown option --" + name
					+ closest(name).map((known) -> " (did you mean --" + known + "?)").orElse(""));
	}

	/**
	 * A dotted name is a Spring property ({@code --spring.profiles.active}, {@code --hub-chargeback.chunk-size}),
	 * bound or ignored by Spring as in any Boot application.
	 */
	static boolean isKnown(String name) {
		return KNOWN.contains(name) || name.contains(".");
	}

	/**
	 * The known option within two edits (a swapped, missing or extra letter or two), the nearest first.
	 */
	static Optional<String> closest(String name) {
		return KNOWN.stream()
			.filter((known) -> distance(name, known) <= 2)
			.min(Comparator.comparingInt((String known) -> distance(name, known))
				.thenComparing(Comparator.naturalOrder()));
	}

	/**
	 * Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours cost one.
	 */
	static int distance(String a, String b) {
		int[][] d = new int[a.length() + 1][b.length() + 1];
		for (int i = 0; i <= a.length(); i++) {
			d[i][0] = i;
		}
		for (int j = 0; j <= b.length(); j++) {
			d[0][j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			for (int j = 1; j <= b.length(); j++) {
				int cost = (a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1;
				d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
				if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
					d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
				}
			}
		}
		return d[a.length()][b.length()];
	}

}
