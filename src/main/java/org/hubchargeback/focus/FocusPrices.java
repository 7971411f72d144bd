package org.hubchargeback.focus;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.hubchargeback.pricing.RateCard;
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

	/**
	 * The rate card's list prices and the IDs of the entries it priced each row with.
	 */
	static FocusPrices of(RateCard rateCard) {
		return new FocusPrices() {

			@Override
			public @Nullable BigDecimal listUnitPrice(String meterId, LocalDate day) {
				return rateCard.listPrice(meterId, day);
			}

			@Override
			public String priceId(String meterId, LocalDate day, String chargedSubscriptionId) {
				RateCard.Price price = rateCard.price(meterId, day, chargedSubscriptionId);
				if (price == null) {
					// only priced rows are exported: the chargeback file and the rate card disagree
					throw new IllegalStateException("no price of meter " + meterId + " on " + day + " for "
							+ chargedSubscriptionId + " in the run's rate card");
				}
				return price.id();
			}

		};
	}

}
