package org.hubchargeback.focus;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.hubchargeback.csv.CsvDialect;
import org.hubchargeback.usage.MeterCatalog;
import org.jspecify.annotations.Nullable;

import static org.hubchargeback.focus.FocusColumn.BILLED_COST;
import static org.hubchargeback.focus.FocusColumn.BILLING_ACCOUNT_ID;
import static org.hubchargeback.focus.FocusColumn.BILLING_ACCOUNT_NAME;
import static org.hubchargeback.focus.FocusColumn.BILLING_CURRENCY;
import static org.hubchargeback.focus.FocusColumn.BILLING_PERIOD_END;
import static org.hubchargeback.focus.FocusColumn.BILLING_PERIOD_START;
import static org.hubchargeback.focus.FocusColumn.CHARGE_CATEGORY;
import static org.hubchargeback.focus.FocusColumn.CHARGE_DESCRIPTION;
import static org.hubchargeback.focus.FocusColumn.CHARGE_FREQUENCY;
import static org.hubchargeback.focus.FocusColumn.CHARGE_PERIOD_END;
import static org.hubchargeback.focus.FocusColumn.CHARGE_PERIOD_START;
import static org.hubchargeback.focus.FocusColumn.CONSUMED_QUANTITY;
import static org.hubchargeback.focus.FocusColumn.CONSUMED_UNIT;
import static org.hubchargeback.focus.FocusColumn.CONTRACTED_COST;
import static org.hubchargeback.focus.FocusColumn.CONTRACTED_UNIT_PRICE;
import static org.hubchargeback.focus.FocusColumn.EFFECTIVE_COST;
import static org.hubchargeback.focus.FocusColumn.INVOICE_ISSUER_NAME;
import static org.hubchargeback.focus.FocusColumn.LIST_COST;
import static org.hubchargeback.focus.FocusColumn.LIST_UNIT_PRICE;
import static org.hubchargeback.focus.FocusColumn.PRICING_CATEGORY;
import static org.hubchargeback.focus.FocusColumn.PRICING_QUANTITY;
import static org.hubchargeback.focus.FocusColumn.PRICING_UNIT;
import static org.hubchargeback.focus.FocusColumn.PROVIDER_NAME;
import static org.hubchargeback.focus.FocusColumn.PUBLISHER_NAME;
import static org.hubchargeback.focus.FocusColumn.REGION_ID;
import static org.hubchargeback.focus.FocusColumn.REGION_NAME;
import static org.hubchargeback.focus.FocusColumn.RESOURCE_ID;
import static org.hubchargeback.focus.FocusColumn.RESOURCE_NAME;
import static org.hubchargeback.focus.FocusColumn.RESOURCE_TYPE;
import static org.hubchargeback.focus.FocusColumn.SERVICE_CATEGORY;
import static org.hubchargeback.focus.FocusColumn.SERVICE_NAME;
import static org.hubchargeback.focus.FocusColumn.SKU_ID;
import static org.hubchargeback.focus.FocusColumn.SKU_METER;
import static org.hubchargeback.focus.FocusColumn.SKU_PRICE_ID;
import static org.hubchargeback.focus.FocusColumn.SUB_ACCOUNT_ID;
import static org.hubchargeback.focus.FocusColumn.SUB_ACCOUNT_NAME;
import static org.hubchargeback.focus.FocusColumn.TAGS;
import static org.hubchargeback.focus.FocusColumn.X_CHARGE_REASON;
import static org.hubchargeback.focus.FocusColumn.X_DEFAULT_REASON;
import static org.hubchargeback.focus.FocusColumn.X_FIRST_USAGE_START;
import static org.hubchargeback.focus.FocusColumn.X_HUB_NAME;
import static org.hubchargeback.focus.FocusColumn.X_HUB_SUBSCRIPTION_ID;
import static org.hubchargeback.focus.FocusColumn.X_LAST_USAGE_END;
import static org.hubchargeback.focus.FocusColumn.X_RECORD_COUNT;
import static org.hubchargeback.focus.FocusColumn.X_REGISTRATION_SNAPSHOT;
import static org.hubchargeback.focus.FocusColumn.X_TENANT_ID;
import static org.hubchargeback.focus.FocusColumn.X_USAGE_DATE;

/**
 * Converts one priced chargeback file (one charged subscription) into one FOCUS 1.2 file, a row at a time. Each
 * priced chargeback row becomes one {@code Usage} row, the rounding-adjustment row an {@code Adjustment} row; a row
 * without a price would break FOCUS's rule that usage has list and contracted prices, so it is left out and counted
 * (the job reports missing prices itself). An empty field is a FOCUS null.
 * <p>
 * Usage rows:
 * <ul>
 * <li>{@code BilledCost} = {@code EffectiveCost} = {@code Cost}, as rounded in the chargeback file (there are no
 * commitment discounts to amortize); {@code BillingCurrency} = {@code Currency}, the same on every row.</li>
 * <li>{@code ContractedUnitPrice} = {@code UnitPrice}; {@code ListUnitPrice} = {@link FocusPrices#listUnitPrice},
 * or the contracted price when the rate card has no list price. {@code ContractedCost} and {@code ListCost} are the
 * unit price × {@code Quantity}, exact and unrounded, so that FOCUS's unit price × {@code PricingQuantity} = cost
 * holds exactly; their sum can differ from {@code BilledCost} by the rounding.</li>
 * <li>{@code PricingQuantity} = {@code ConsumedQuantity} = {@code Quantity}; {@code PricingUnit} =
 * {@code ConsumedUnit} = the catalog unit in UnitFormat ({@link FocusUnits}: "GB*hours" is "GB-Hours", "Virtual
 * core hours" "Core-Hours"; an unknown or empty unit "Units").</li>
 * <li>{@code PricingCategory} = {@code Standard}, negotiated prices included: FOCUS defines Standard as the agreed
 * rate of the billing account, negotiated discounts included. {@code ChargeFrequency} = {@code Usage-Based},
 * {@code ChargeClass} null.</li>
 * <li>{@code ChargePeriodStart}/{@code End} = the UTC usage day, end exclusive; {@code BillingPeriodStart}/{@code End}
 * = the calendar month containing it.</li>
 * <li>{@code BillingAccountId} = {@code ChargedSubscriptionId}, the Azure subscription that pays;
 * {@code BillingAccountName} = its {@code CustomerName} (from the customer names file), null when it has none.
 * {@code SubAccountId} = {@code HubSubscriptionId}, the hub's user subscription that used the resource,
 * {@code SubAccountName} = its {@code HubSubscriptionName} (its display name on the hub), or
 * {@code <hub>/<hubSubscriptionId>} when the hub lists none: FOCUS wants a name whenever there is an ID.</li>
 * <li>{@code RegionId} = {@code RegionName} = the hub name: each hub is a region of its own. {@code ResourceId} =
 * {@code ResourceUri}; {@code ResourceName} and {@code ResourceType} from it when it is an Azure Resource Manager ID
 * ({@link ArmResource}: {@code vm1}, {@code Microsoft.Compute/virtualMachines}), null otherwise. {@code Tags} =
 * {@code Tags}, the export's tags as a JSON object (keys sorted, values strings, a valueless tag {@code true}).</li>
 * <li>{@code ServiceName}/{@code ServiceCategory} from the meter's resource provider ({@link FocusService}: Compute is
 * "Virtual Machines"/Compute), "Azure Stack Hub"/Other for a meter not in the catalog.</li>
 * <li>{@code SkuId} = {@code MeterId}, {@code SkuMeter} = {@code MeterName} (null for an unknown meter),
 * {@code SkuPriceId} = {@link FocusPrices#priceId}.</li>
 * <li>{@code ProviderName}, {@code PublisherName}, {@code InvoiceIssuerName} from {@link FocusSettings}.</li>
 * </ul>
 * The rounding-adjustment row makes the file's billed total its unrounded total rounded once. It becomes an
 * {@code Adjustment} of the file's last usage day (so of its last month, when a file spans two) with
 * {@code BilledCost} = {@code EffectiveCost} = the residual, {@code ListCost} = {@code ContractedCost} = 0, service
 * "Azure Stack Hub"/Other, and no prices, quantities, units, SKU, resource, region or sub-account.
 * <p>
 * Custom columns, after the FOCUS ones, carry what ties a row back to the chargeback file, as it is there:
 * {@code x_HubName}, {@code x_TenantId}, {@code x_HubSubscriptionId}, {@code x_ChargeReason}, {@code x_DefaultReason},
 * {@code x_RecordCount}, {@code x_FirstUsageStart}, {@code x_LastUsageEnd}, {@code x_RegistrationSnapshot} and
 * {@code x_UsageDate}.
 */
public final class FocusFile {

	/** The FOCUS file's columns, in order. */
	public static final List<String> HEADER = FocusColumn.HEADER;

	/**
	 * The chargeback columns read, by name: columns added to the chargeback file later do not matter. The name columns
	 * are read when there ({@link #NAME_COLUMNS}): a file written before they existed has none.
	 */
	static final List<String> CHARGEBACK_COLUMNS = List.of("UsageDate", "HubName", "TenantId", "HubSubscriptionId",
			"ResourceUri", "MeterId", "MeterName", "Unit", "Quantity", "ChargeReason", "DefaultReason",
			"ChargedSubscriptionId", "RecordCount", "FirstUsageStart", "LastUsageEnd", "RegistrationSnapshot",
			"UnitPrice", "Cost", "Currency");

	static final List<String> NAME_COLUMNS = List.of("HubSubscriptionName", "CustomerName", "Tags");

	private static final CSVFormat CHARGEBACK_FORMAT = CSVFormat.RFC4180.builder()
		.setHeader()
		.setSkipHeaderRecord(true)
		.get();

	private static final String ROUNDING = "ROUNDING";

	private final FocusSettings settings;

	private final FocusPrices prices;

	private final MeterCatalog catalog;

	// Look-ups per usage day, meter and unit text: a file has millions of rows but few distinct keys.

	private final Map<String, Day> days = new HashMap<>();

	private final Map<String, FocusService> services = new HashMap<>();

	private final Map<String, String> units = new HashMap<>();

	private final Map<PriceKey, RateCardEntry> rateCard = new HashMap<>();

	private @Nullable String currency;

	private long rowsWritten;

	private long rowsLeftOut;

	private BigDecimal billedCost = BigDecimal.ZERO;

	private boolean names;

	private FocusFile(FocusSettings settings, FocusPrices prices, MeterCatalog catalog) {
		this.settings = settings;
		this.prices = prices;
		this.catalog = catalog;
	}

	/**
	 * Writes the FOCUS file of a priced chargeback file, streaming: one row read, one row written.
	 * @param chargebackCsv a priced chargeback file, UTF-8 with or without a byte-order mark
	 * @param focusCsv the file to write (replaced if it exists)
	 * @param byteOrderMark whether the FOCUS file starts with a UTF-8 byte-order mark
	 * @return what was written and what was left out
	 * @throws IllegalArgumentException if the chargeback file lacks a column, has a value that does not parse, a
	 * priced row without cost or currency, or two currencies; the FOCUS file is then incomplete
	 */
	public static Summary write(Path chargebackCsv, Path focusCsv, FocusSettings settings, FocusPrices prices,
			MeterCatalog catalog, boolean byteOrderMark) throws IOException {
		return new FocusFile(settings, prices, catalog).convert(chargebackCsv, focusCsv, byteOrderMark);
	}

	private Summary convert(Path chargebackCsv, Path focusCsv, boolean byteOrderMark) throws IOException {
		try (Reader reader = CsvDialect.reader(Files.newInputStream(chargebackCsv));
				CSVParser parser = CHARGEBACK_FORMAT.parse(reader);
				Writer writer = Files.newBufferedWriter(focusCsv, StandardCharsets.UTF_8)) {
			for (String column : CHARGEBACK_COLUMNS) {
				if (!parser.getHeaderMap().containsKey(column)) {
					throw new IllegalArgumentException(chargebackCsv + " has no column " + column);
				}
			}
			this.names = parser.getHeaderMap().keySet().containsAll(NAME_COLUMNS);
			if (byteOrderMark) {
				writer.write(CsvDialect.BYTE_ORDER_MARK);
			}
			writer.write(CsvDialect.line(HEADER.toArray()));
			writer.write(CsvDialect.LINE_SEPARATOR);
			long dataRow = 0;
			for (CSVRecord record : parser) {
				dataRow++;
				String[] row;
				try {
					row = convert(record);
				}
				catch (IllegalArgumentException | DateTimeParseException ex) {
					throw new IllegalArgumentException(
							chargebackCsv + ", data row " + dataRow + ": " + ex.getMessage(), ex);
				}
				if (row != null) {
					writer.write(CsvDialect.line((Object[]) row));
					writer.write(CsvDialect.LINE_SEPARATOR);
				}
			}
		}
		return new Summary(this.rowsWritten, this.billedCost, this.rowsLeftOut, this.currency);
	}

	/**
	 * @return the FOCUS row, or null for a row without a price
	 */
	private String @Nullable [] convert(CSVRecord record) {
		boolean rounding = ROUNDING.equals(record.get("ChargeReason"));
		if (!rounding && record.get("UnitPrice").isEmpty()) {
			this.rowsLeftOut++;
			return null;
		}
		BigDecimal cost = decimal(record, "Cost");
		Day day = this.days.computeIfAbsent(record.get("UsageDate"), Day::of);
		String[] row = common(record, day, cost);
		if (rounding) {
			adjustment(row);
		}
		else {
			usage(row, record, day, decimal(record, "UnitPrice"));
		}
		this.rowsWritten++;
		this.billedCost = this.billedCost.add(cost);
		return row;
	}

	/**
	 * What a usage row and an adjustment share: who pays and issues, when, how much was billed, and the custom
	 * columns.
	 */
	private String[] common(CSVRecord record, Day day, BigDecimal cost) {
		String[] row = new String[HEADER.size()];
		String billed = cost.toPlainString();
		put(row, BILLED_COST, billed);
		put(row, EFFECTIVE_COST, billed);
		put(row, BILLING_ACCOUNT_ID, record.get("ChargedSubscriptionId"));
		put(row, BILLING_ACCOUNT_NAME, this.names ? record.get("CustomerName") : "");
		put(row, BILLING_CURRENCY, currency(record.get("Currency")));
		put(row, BILLING_PERIOD_START, day.billingPeriodStart());
		put(row, BILLING_PERIOD_END, day.billingPeriodEnd());
		put(row, CHARGE_PERIOD_START, day.chargePeriodStart());
		put(row, CHARGE_PERIOD_END, day.chargePeriodEnd());
		put(row, CHARGE_FREQUENCY, "Usage-Based");
		put(row, INVOICE_ISSUER_NAME, this.settings.invoiceIssuerName());
		put(row, PROVIDER_NAME, this.settings.providerName());
		put(row, PUBLISHER_NAME, this.settings.publisherName());
		put(row, X_HUB_NAME, record.get("HubName"));
		put(row, X_TENANT_ID, record.get("TenantId"));
		put(row, X_HUB_SUBSCRIPTION_ID, record.get("HubSubscriptionId"));
		put(row, X_CHARGE_REASON, record.get("ChargeReason"));
		put(row, X_DEFAULT_REASON, record.get("DefaultReason"));
		put(row, X_RECORD_COUNT, record.get("RecordCount"));
		put(row, X_FIRST_USAGE_START, record.get("FirstUsageStart"));
		put(row, X_LAST_USAGE_END, record.get("LastUsageEnd"));
		put(row, X_REGISTRATION_SNAPSHOT, record.get("RegistrationSnapshot"));
		put(row, X_USAGE_DATE, record.get("UsageDate"));
		return row;
	}

	private void usage(String[] row, CSVRecord record, Day day, BigDecimal contractedUnitPrice) {
		String meterId = record.get("MeterId");
		String hub = record.get("HubName");
		String hubSubscriptionId = record.get("HubSubscriptionId");
		BigDecimal quantity = decimal(record, "Quantity");
		RateCardEntry entry = this.rateCard.computeIfAbsent(
				new PriceKey(meterId, day.date(), record.get("ChargedSubscriptionId")), this::lookUp);
		BigDecimal listUnitPrice = (entry.listUnitPrice() != null) ? entry.listUnitPrice() : contractedUnitPrice;
		String unit = this.units.computeIfAbsent(record.get("Unit"), FocusUnits::pricingUnit);
		FocusService service = this.services.computeIfAbsent(meterId, (id) -> FocusService.of(this.catalog.find(id)));
		put(row, CHARGE_CATEGORY, "Usage");
		put(row, CHARGE_DESCRIPTION, description(record));
		put(row, CONTRACTED_UNIT_PRICE, number(contractedUnitPrice));
		put(row, CONTRACTED_COST, number(contractedUnitPrice.multiply(quantity)));
		put(row, LIST_UNIT_PRICE, number(listUnitPrice));
		put(row, LIST_COST, number(listUnitPrice.multiply(quantity)));
		put(row, PRICING_CATEGORY, "Standard");
		String consumed = number(quantity);
		put(row, PRICING_QUANTITY, consumed);
		put(row, PRICING_UNIT, unit);
		put(row, CONSUMED_QUANTITY, consumed);
		put(row, CONSUMED_UNIT, unit);
		put(row, REGION_ID, hub);
		put(row, REGION_NAME, hub);
		String resourceId = record.get("ResourceUri");
		put(row, RESOURCE_ID, resourceId);
		ArmResource resource = ArmResource.parse(resourceId);
		if (resource != null) {
			put(row, RESOURCE_NAME, resource.name());
			put(row, RESOURCE_TYPE, resource.type());
		}
		put(row, TAGS, this.names ? record.get("Tags") : "");
		put(row, SERVICE_NAME, service.name());
		put(row, SERVICE_CATEGORY, service.category());
		put(row, SKU_ID, meterId);
		put(row, SKU_METER, record.get("MeterName"));
		put(row, SKU_PRICE_ID, entry.priceId());
		if (!hubSubscriptionId.isEmpty()) {
			put(row, SUB_ACCOUNT_ID, hubSubscriptionId);
			String name = this.names ? record.get("HubSubscriptionName") : "";
			put(row, SUB_ACCOUNT_NAME, name.isEmpty() ? hub + "/" + hubSubscriptionId : name);
		}
	}

	/**
	 * The residual is no usage: it has a cost, but no price, quantity or resource.
	 */
	private static void adjustment(String[] row) {
		put(row, CHARGE_CATEGORY, "Adjustment");
		put(row, CHARGE_DESCRIPTION, "Rounding adjustment: makes the total billed cost the file's unrounded cost "
				+ "total rounded once, instead of the sum of rows rounded one by one");
		put(row, LIST_COST, "0");
		put(row, CONTRACTED_COST, "0");
		put(row, SERVICE_NAME, FocusService.AZURE_STACK_HUB.name());
		put(row, SERVICE_CATEGORY, FocusService.AZURE_STACK_HUB.category());
	}

	private RateCardEntry lookUp(PriceKey key) {
		return new RateCardEntry(this.prices.listUnitPrice(key.meterId(), key.day()),
				this.prices.priceId(key.meterId(), key.day(), key.chargedSubscriptionId()));
	}

	private static String description(CSVRecord record) {
		String meterName = record.get("MeterName");
		String hub = record.get("HubName");
		StringBuilder description = new StringBuilder(
				meterName.isEmpty() ? "Usage of meter " + record.get("MeterId") : meterName);
		if (!hub.isEmpty()) {
			description.append(" on Azure Stack Hub ").append(hub);
		}
		if ("DEFAULT".equals(record.get("ChargeReason"))) {
			String reason = record.get("DefaultReason");
			description.append(", charged to the default subscription")
				.append(reason.isEmpty() ? "" : " (" + reason + ")");
		}
		return description.toString();
	}

	/**
	 * A FOCUS file is one billing account's, which is billed in one currency.
	 */
	private String currency(String code) {
		if (this.currency == null) {
			if (code.length() != 3 || !code.equals(Currency.getInstance(code).getCurrencyCode())) {
				throw new IllegalArgumentException("Currency " + code + " is not an ISO 4217 code");
			}
			this.currency = code;
		}
		else if (!this.currency.equals(code)) {
			throw new IllegalArgumentException(
					"Currency " + code + " differs from the file's " + this.currency + ": a file has one currency");
		}
		return code;
	}

	private static BigDecimal decimal(CSVRecord record, String column) {
		String value = record.get(column);
		try {
			return new BigDecimal(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(column + " '" + value + "' is not a decimal", ex);
		}
	}

	/**
	 * Exact, plain and without trailing zeros: FOCUS's NumericFormat.
	 */
	private static String number(BigDecimal value) {
		return CsvDialect.quantity(value);
	}

	/**
	 * Empty stays empty: a FOCUS null.
	 */
	private static void put(String[] row, FocusColumn column, String value) {
		row[column.ordinal()] = value;
	}

	/**
	 * What the FOCUS file says of a chargeback file.
	 * @param rowsWritten FOCUS rows: priced rows and the rounding adjustment
	 * @param billedCost the sum of their {@code BilledCost}, which is the chargeback file's cost total
	 * @param rowsLeftOut chargeback rows without a price
	 * @param currency the billing currency, null when no row was written
	 */
	public record Summary(long rowsWritten, BigDecimal billedCost, long rowsLeftOut, @Nullable String currency) {
	}

	/**
	 * The FOCUS periods of a usage day, formatted once.
	 */
	private record Day(LocalDate date, String chargePeriodStart, String chargePeriodEnd, String billingPeriodStart,
			String billingPeriodEnd) {

		static Day of(String usageDate) {
			LocalDate day = LocalDate.parse(usageDate);
			LocalDate month = day.withDayOfMonth(1);
			return new Day(day, midnight(day), midnight(day.plusDays(1)), midnight(month),
					midnight(month.plusMonths(1)));
		}

		private static String midnight(LocalDate day) {
			return day + "T00:00:00Z";
		}

	}

	private record PriceKey(String meterId, LocalDate day, String chargedSubscriptionId) {
	}

	private record RateCardEntry(@Nullable BigDecimal listUnitPrice, String priceId) {
	}

}
