package org.hubchargeback.config;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ApplicationArguments;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * "Now" for the nightly schedule, the check that a range has ended, and the dates a run records (registration
 * snapshots, the manifest). {@code --as-of=2026-11-17T07:00:00Z} fixes it, for an operator replaying a past night;
 * {@code hub-chargeback.clock} is the same setting in the configuration (tests use it), and {@code --as-of} wins.
 */
@Configuration(proxyBeanMethods = false)
public class ClockConfiguration {

	static final String AS_OF = "as-of";

	@Bean
	Clock clock(HubChargebackProperties properties, ApplicationArguments arguments) {
		Instant fixed = asOf(arguments.getOptionValues(AS_OF), properties.fixedNow(), Instant.now());
		return (fixed != null) ? Clock.fixed(fixed, ZoneOffset.UTC) : Clock.systemUTC();
	}

	/**
	 * @param asOf the values of {@code --as-of}, null when it is not given
	 * @param setting {@code hub-chargeback.clock}, or null
	 * @param realNow the system clock's now
	 * @return the fixed now, or null for the system clock
	 * @throws InvalidConfigurationException when {@code --as-of} is no single ISO instant, or the fixed now is after
	 * the real one: days that have not ended would count as complete, and be charged without their usage
	 */
	static @Nullable Instant asOf(@Nullable List<String> asOf, @Nullable Instant setting, Instant realNow) {
		Instant fixed = setting;
		String name = "hub-chargeback.clock";
		if (asOf != null) {
			if (asOf.size() != 1 || asOf.get(0) == null) {
				throw new InvalidConfigurationException("--as-of needs one ISO instant, such as 2026-11-17T07:00:00Z");
			}
			try {
				fixed = Instant.parse(asOf.get(0).strip());
				name = "--as-of";
			}
			catch (DateTimeParseException ex) {
				throw new InvalidConfigurationException("--as-of: '" + asOf.get(0) + "' is not an ISO instant such as"
						+ " 2026-11-17T07:00:00Z");
			}
		}
		if (fixed != null && fixed.isAfter(realNow)) {
			throw new InvalidConfigurationException(name + " " + fixed + " is in the future (it is "
					+ realNow.truncatedTo(ChronoUnit.SECONDS) + " now): a run as of then would charge days that have"
					+ " not ended");
		}
		return fixed;
	}

}
