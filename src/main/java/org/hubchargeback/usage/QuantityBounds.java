package org.hubchargeback.usage;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * The range a quantity must be in to be charged. A usage quantity is a double in the API, so its text has at most 17
 * significant digits; anything much longer, larger or finer is not usage but a broken or hostile export. The bounds
 * are checked before the value is summed: {@code 1E+100000000} is a small {@link BigDecimal} that adding to another
 * expands to a hundred million digits (a run that hangs), and {@code 1E-1000000} a million decimals no database
 * column holds.
 */
public final class QuantityBounds {

	/**
	 * The largest quantity charged: a million hub-years of a meter's unit per hour is still far below it.
	 */
	public static final BigDecimal MAX = BigDecimal.valueOf(1_000_000_000_000L);

	/**
	 * Decimals after trailing zeros are dropped: a double at full precision ({@code 1.2345678901234567E-13}) has 29.
	 */
	public static final int MAX_FRACTION_DIGITS = 30;

	/**
	 * Characters of the quantity's text: the longest double .NET writes ({@code -1.2345678901234567E-308}) has 24.
	 */
	public static final int MAX_TEXT = 64;

	private QuantityBounds() {
	}

	/**
	 * @param text the field as read, for its length
	 * @return why the quantity is out of bounds, or null when it is in them
	 */
	public static @Nullable String violation(String text, BigDecimal quantity) {
		if (quantity.signum() == 0) {
			return null;
		}
		// precision - scale is the number of integer digits; in long arithmetic an exponent of 2^31 cannot overflow
		long integerDigits = (long) quantity.precision() - quantity.scale();
		if (integerDigits > 13 || quantity.abs().compareTo(MAX) > 0) {
			return "quantity " + shown(text) + " is larger than " + MAX.toPlainString();
		}
		BigDecimal stripped = quantity.stripTrailingZeros();
		if (stripped.scale() > MAX_FRACTION_DIGITS) {
			return "quantity " + shown(text) + " has more than " + MAX_FRACTION_DIGITS + " decimals";
		}
		return null;
	}

	/**
	 * @return why the text is too long to be a number, or null
	 */
	public static @Nullable String tooLong(String text) {
		return (text.length() > MAX_TEXT)
				? "quantity too long: " + text.length() + " characters, at most " + MAX_TEXT : null;
	}

	private static String shown(String text) {
		return text.strip();
	}

}
