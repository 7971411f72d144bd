package org.hubchargeback.usage;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QuantityBoundsTests {

	@Test
	void everyDoublePowerShellWritesIsInBounds() {
		// given the longest and smallest doubles .NET writes for usage, and the bounds themselves
		String[] quantities = { "2.4", "1E-05", "2.7777777777777778E-05", "1.2345678901234567E-13", "1000000000000",
				"0E-1000000", "0.30000000000000004" };

		// when / then
		for (String quantity : quantities) {
			assertThat(QuantityBounds.violation(quantity, new BigDecimal(quantity))).as(quantity).isNull();
			assertThat(QuantityBounds.tooLong(quantity)).as(quantity).isNull();
		}
	}

	@Test
	void hugeTinyAndLongQuantitiesAreOutOfBounds() {
		// given
		BigDecimal huge = new BigDecimal("1E+100000000");
		BigDecimal tiny = new BigDecimal("1E-1000000");

		// when
		String hugeReason = QuantityBounds.violation("1E+100000000", huge);
		String tinyReason = QuantityBounds.violation("1E-1000000", tiny);

		// then
		assertThat(hugeReason).isEqualTo("quantity 1E+100000000 is larger than 1000000000000");
		assertThat(tinyReason).isEqualTo("quantity 1E-1000000 has more than 30 decimals");
		assertThat(QuantityBounds.violation("1000000000000.5", new BigDecimal("1000000000000.5"))).isNotNull();
		assertThat(QuantityBounds.violation("x", new BigDecimal("1E-31"))).isNotNull();
		assertThat(QuantityBounds.tooLong("1".repeat(65))).isEqualTo("quantity too long: 65 characters, at most 64");
	}

}
