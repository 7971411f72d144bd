package org.hubchargeback.charging;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class UsageTests {

	/**
	 * The same components as {@link Usage}, with the methods a record generates.
	 */
	record Generated(String hubSubscriptionId, String meterId, String resourceKey, String instance) {
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			3f2a | 6dd0 | /subscriptions/3f2a/resourcegroups/rg/vm1 | local
			a    | b    | c                                         | ''
			''   | ''   | ''                                        | ''
			""")
	void equalsAndHashCodeAreTheRecordsOwn(String subscription, String meter, String resource, String instance) {
		Usage usage = new Usage(subscription, meter, resource, instance);
		// maps keyed by usage iterate as they did with the generated hash
		assertThat(usage.hashCode())
			.isEqualTo(new Generated(subscription, meter, resource, instance).hashCode());
		assertThat(usage).isEqualTo(new Usage(new String(subscription), new String(meter), new String(resource),
				new String(instance)));
		assertThat(usage).isNotEqualTo(new Usage(subscription, meter, resource, instance + "x"))
			.isNotEqualTo(new Usage(subscription + "x", meter, resource, instance))
			.isNotEqualTo(new Usage(subscription, meter + "x", resource, instance))
			.isNotEqualTo(new Usage(subscription, meter, resource + "x", instance))
			.isNotEqualTo(null);
	}

}
