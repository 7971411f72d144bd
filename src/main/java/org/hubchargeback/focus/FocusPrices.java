package org.hubchargeback.focus;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * What a FOCUS row needs from the rate card beyond the price the chargeback file already holds.
 */
public interface FocusPrices {

	/**
	 * @return the list (public) unit price of the meter on that day, in the billing currency, or null when the rate
	 * card has none
	 */
	@Nullable BigDecimal listUnitPrice(String meterId, LocalDate day);

	/**
	 * @return a stable ID of the price-list entry applied to this subscription's meter on that day (e.g.
	 * {@code <meterId>@<validFrom>}, or with the subscription for a negotiated price)
	 */
	String priceId(String meterId, LocalDate day, String chargedSubscriptionId);

}
