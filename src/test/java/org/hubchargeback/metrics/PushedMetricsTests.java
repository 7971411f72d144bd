package org.hubchargeback.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PushedMetricsTests {

	@Test
	void seriesAreGroupedUnderOneTypeLinePerMetricWithEscapedLabels() {
		// given
		PushedMetrics metrics = new PushedMetrics().add("hub_chargeback_records_total", "counter", 857, "hub", "hub-a",
				"outcome", "registered")
			.add("hub_chargeback_last_exit_code", "gauge", 0)
			.add("hub_chargeback_records_total", "counter", 5, "hub", "a \"quoted\\\" hub\n", "outcome", "rejected")
			.add("hub_chargeback_quantity", "gauge", 2.5);

		// when
		String text = metrics.text();

		// then
		assertThat(text).isEqualTo("""
				# TYPE hub_chargeback_records_total counter
				hub_chargeback_records_total{hub="hub-a",outcome="registered"} 857
				hub_chargeback_records_total{hub="a \\"quoted\\\\\\" hub\\n",outcome="rejected"} 5
				# TYPE hub_chargeback_last_exit_code gauge
				hub_chargeback_last_exit_code 0
				# TYPE hub_chargeback_quantity gauge
				hub_chargeback_quantity 2.5
				""");
	}

}
