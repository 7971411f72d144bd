package org.hubchargeback.reconcile;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.hubchargeback.csv.CsvDialect;

/**
 * Generates a Partner Center daily rated usage reconciliation file as finance downloads it: all 55 documented columns
 * in their documented order, one line per customer subscription, meter and usage day, with the values a CSP partner
 * sees for forwarded Azure Stack Hub usage (domain facts section 7): {@code MeterCategory} "Azure Stack Hub", the
 * Azure commercial meter in {@code MeterId} and the local one in {@code AdditionalInfo}, the customer's Azure
 * subscription in {@code EntitlementId}, {@code BillingPreTaxTotal} as Microsoft computes it (floor of effective unit
 * price times quantity times exchange rate, to the cent).
 */
final class PartnerCenterReconFile {

	static final List<String> COLUMNS = List.of("PartnerId", "PartnerName", "CustomerId", "CustomerName",
			"CustomerDomainName", "CustomerCountry", "MpnId", "Tier2MpnId", "InvoiceNumber", "ProductId", "SkuId",
			"AvailabilityId", "SkuName", "ProductName", "PublisherName", "PublisherId", "SubscriptionDescription",
			"SubscriptionId", "ChargeStartDate", "ChargeEndDate", "UsageDate", "MeterType", "MeterCategory", "MeterId",
			"MeterSubCategory", "MeterName", "MeterRegion", "Unit", "ResourceLocation", "ConsumedService",
			"ResourceGroup", "ResourceURI", "ChargeType", "UnitPrice", "Quantity", "UnitType", "BillingPreTaxTotal",
			"BillingCurrency", "PricingPreTaxTotal", "PricingCurrency", "ServiceInfo1", "ServiceInfo2", "Tags",
			"AdditionalInfo", "EffectiveUnitPrice", "PCToBCExchangeRate", "PCToBCExchangeRateDate", "EntitlementId",
			"EntitlementDescription", "PartnerEarnedCreditPercentage", "CreditPercentage", "CreditType",
			"BenefitOrderId", "BenefitId", "BenefitType");

	static final String PARTNER_ID = "3b8c5f1e-2d4a-4c6b-9e7f-1a2b3c4d5e6f";

	private static final DateTimeFormatter PORTAL = DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US);

	private PartnerCenterReconFile() {
	}

	/**
	 * A customer (directory tenant) and the Azure subscription Microsoft bills its forwarded usage to.
	 */
	record Customer(String tenantId, String name, String domain, String entitlementId) {
	}

	/**
	 * A local Azure Stack Hub meter, the Azure meter Microsoft bills it as, and the partner's effective price in USD.
	 */
	record Meter(String localId, String azureId, String name, String subCategory, String unit,
			BigDecimal listPrice, BigDecimal effectivePrice) {
	}

	/**
	 * One line: what Microsoft billed of a hub subscription's usage of one meter on one day.
	 *
	 * @param currency the billing currency; {@code EUR} bills at an exchange rate of 0.92
	 * @param additionalInfo whether the line carries {@code azureStack.*} in {@code AdditionalInfo}
	 */
	record Line(LocalDate day, Customer customer, String hubSubscription, Meter meter, BigDecimal quantity,
			String currency, boolean additionalInfo) {
	}

	/**
	 * @param portalDates dates as the portal's en-US export writes them ({@code 11/16/2026 12:00:00 AM}), else ISO
	 * @param byteOrderMark whether the file starts with a UTF-8 byte-order mark (the portal's download does)
	 */
	static String csv(List<Line> lines, boolean portalDates, boolean byteOrderMark) {
		StringBuilder file = new StringBuilder(byteOrderMark ? CsvDialect.BYTE_ORDER_MARK : "");
		file.append(CsvDialect.line(COLUMNS.toArray())).append("\r\n");
		for (Line line : lines) {
			file.append(CsvDialect.line(values(line, portalDates).toArray())).append("\r\n");
		}
		return file.toString();
	}

	/**
	 * A line of another Azure service on the same customer: a reconciliation file holds every Azure plan charge, and
	 * only the Azure Stack Hub lines are compared.
	 */
	static String otherServiceLine(Customer customer, LocalDate day) {
		Meter vm = new Meter("", "bfd4d0c8-5f0c-4b2e-9d5f-0c6a3a0c1f11", "D2s v3", "Dsv3 Series", "1 Hour",
				new BigDecimal("0.096"), new BigDecimal("0.096"));
		List<Object> values = values(new Line(day, customer, "", vm, new BigDecimal("24"), "USD", false), false);
		values.set(COLUMNS.indexOf("MeterCategory"), "Virtual Machines");
		values.set(COLUMNS.indexOf("MeterRegion"), "US East");
		values.set(COLUMNS.indexOf("ResourceLocation"), "eastus");
		values.set(COLUMNS.indexOf("ConsumedService"), "Microsoft.Compute");
		return CsvDialect.line(values.toArray()) + "\r\n";
	}

	private static List<Object> values(Line line, boolean portalDates) {
		Customer customer = line.customer();
		Meter meter = line.meter();
		BigDecimal rate = line.currency().equals("EUR") ? new BigDecimal("0.92") : BigDecimal.ONE;
		BigDecimal quantity = line.quantity().setScale(6, RoundingMode.HALF_UP).stripTrailingZeros();
		BigDecimal billed = meter.effectivePrice().multiply(quantity).multiply(rate).setScale(2, RoundingMode.FLOOR);
		BigDecimal priced = meter.effectivePrice().multiply(quantity).setScale(2, RoundingMode.FLOOR);
		String billingSubscription = UUID.nameUUIDFromBytes(customer.entitlementId().getBytes()).toString();
		String additional = line.additionalInfo()
				? "{\"azureStack.MeterId\":\"" + meter.localId().toUpperCase(Locale.ROOT)
				+ "\",\"azureStack.SubscriptionId\":\"" + line.hubSubscription()
				+ "\",\"azureStack.Location\":\"local\",\"azureStack.EventDateTime\":\""
				+ line.day().atStartOfDay().format(DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss")) + "\"}" : "";
		return new ArrayList<>(List.of(PARTNER_ID, "Example CSP Ltd", customer.tenantId(), customer.name(),
				customer.domain(), "US", "6213456", "", "", "DZH318Z0BQ3Q", "0001", "DZH318Z0BQ3Q0001", "Azure plan",
				"Azure plan", "Microsoft", "", "Azure plan", billingSubscription,
				date(line.day().withDayOfMonth(1), portalDates, false),
				date(line.day().withDayOfMonth(line.day().lengthOfMonth()), portalDates, true),
				date(line.day(), portalDates, false), "Consumption", "Azure Stack Hub", meter.azureId(),
				meter.subCategory(), meter.name(), "Azure Stack", meter.unit(), "azurestack", "Microsoft.AzureStack",
				"azurestack", "/subscriptions/" + customer.entitlementId() + "/providers/Microsoft.AzureStack",
				"new", meter.listPrice().toPlainString(), quantity.toPlainString(), meter.unit(),
				billed.toPlainString(), line.currency(), priced.toPlainString(), "USD", "", "", "", additional,
				meter.effectivePrice().toPlainString(), rate.toPlainString(),
				date(line.day().withDayOfMonth(1), portalDates, false), customer.entitlementId(),
				customer.name() + " Azure plan", "0", "0", "", "", "", ""));
	}

	private static String date(LocalDate day, boolean portal, boolean endOfDay) {
		if (!portal) {
			return day.toString();
		}
		return (endOfDay ? day.atTime(23, 59, 59) : day.atStartOfDay()).format(PORTAL);
	}

}
