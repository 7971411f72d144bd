package org.hubchargeback.focus;

/**
 * Who sells, publishes and invoices the charges of a FOCUS file. On Azure Stack Hub the operator resells services
 * Microsoft publishes, so provider and invoice issuer are usually the operator.
 *
 * @param providerName FOCUS {@code ProviderName}: who makes the services available
 * @param publisherName FOCUS {@code PublisherName}: who produces them
 * @param invoiceIssuerName FOCUS {@code InvoiceIssuerName}: who invoices them
 */
public record FocusSettings(String providerName, String publisherName, String invoiceIssuerName) {

	public FocusSettings {
		requireText(providerName, "providerName");
		requireText(publisherName, "publisherName");
		requireText(invoiceIssuerName, "invoiceIssuerName");
	}

	/**
	 * The operator provides and invoices the services Microsoft publishes.
	 */
	public static FocusSettings forOperator(String operatorName) {
		return new FocusSettings(operatorName, "Microsoft", operatorName);
	}

	private static void requireText(String value, String name) {
		if (value.isBlank()) {
			// FOCUS forbids nulls in these columns, and an empty field is a null
			throw new IllegalArgumentException(name + " must not be blank");
		}
	}

}
