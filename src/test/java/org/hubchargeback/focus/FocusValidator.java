package org.hubchargeback.focus;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.hubchargeback.csv.CsvDialect;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a FOCUS 1.2 CSV file against the rules of domain facts section 8, independently of the code that writes
 * it: column IDs and order, nulls, Date/Time, NumericFormat, CurrencyFormat, UnitFormat and KeyValueFormat values,
 * allowed values, the null-together pairs, what Usage, Purchase and Tax rows must and must not have, and unit price ×
 * PricingQuantity = cost. Two rules are checked more strictly than FOCUS states them, because this job's files meet
 * them: PricingUnit and ConsumedUnit must follow UnitFormat (a SHOULD), and EffectiveCost must equal BilledCost on
 * every Usage, Adjustment and Credit row without a commitment discount (FOCUS: when nothing is amortized).
 */
public final class FocusValidator {

	/** FOCUS 1.2 Date/Time: UTC, seconds, a trailing Z. */
	static final Pattern DATE_TIME = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$");

	/** FOCUS NumericFormat: an optional minus, digits, one decimal point, E notation; no '+' or separators. */
	static final Pattern NUMERIC = Pattern.compile("^-?\\d+(\\.\\d+)?([eE]-?\\d+)?$");

	/**
	 * FOCUS UnitFormat: an optional unit quantity, then a capitalized base unit (data sizes are abbreviations such as
	 * GB), optionally {@code -<plural unit>} for a compound unit and {@code /<unit>} for a ratio.
	 */
	static final Pattern UNIT_FORMAT = Pattern
		.compile("^([1-9]\\d* )?[A-Z][A-Za-z]*( [A-Z][A-Za-z]*)*(-[A-Z][A-Za-z]*s)?(/([1-9]\\d* )?[A-Z][A-Za-z]*)?$");

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
		.setHeader()
		.setSkipHeaderRecord(true)
		.setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL)
		.setAllowMissingColumnNames(true)
		.get();

	/** Every FOCUS 1.2 column, in the specification's order. */
	private static final Map<String, Column> COLUMNS = columns(
			new Column("AvailabilityZone", false, true, Type.STRING),
			new Column("BilledCost", true, false, Type.DECIMAL),
			new Column("BillingAccountId", true, false, Type.STRING),
			new Column("BillingAccountName", true, true, Type.STRING),
			new Column("BillingAccountType", false, false, Type.STRING),
			new Column("BillingCurrency", true, false, Type.CURRENCY),
			new Column("BillingPeriodEnd", true, false, Type.DATE_TIME),
			new Column("BillingPeriodStart", true, false, Type.DATE_TIME),
			new Column("CapacityReservationId", false, true, Type.STRING),
			new Column("CapacityReservationStatus", false, true, Type.ALLOWED),
			new Column("ChargeCategory", true, false, Type.ALLOWED),
			new Column("ChargeClass", true, true, Type.ALLOWED),
			new Column("ChargeDescription", true, true, Type.STRING),
			new Column("ChargeFrequency", false, false, Type.ALLOWED),
			new Column("ChargePeriodEnd", true, false, Type.DATE_TIME),
			new Column("ChargePeriodStart", true, false, Type.DATE_TIME),
			new Column("CommitmentDiscountCategory", false, true, Type.ALLOWED),
			new Column("CommitmentDiscountId", false, true, Type.STRING),
			new Column("CommitmentDiscountName", false, true, Type.STRING),
			new Column("CommitmentDiscountQuantity", false, true, Type.DECIMAL),
			new Column("CommitmentDiscountStatus", false, true, Type.ALLOWED),
			new Column("CommitmentDiscountType", false, true, Type.STRING),
			new Column("CommitmentDiscountUnit", false, true, Type.UNIT),
			new Column("ConsumedQuantity", false, true, Type.DECIMAL),
			new Column("ConsumedUnit", false, true, Type.UNIT),
			new Column("ContractedCost", true, false, Type.DECIMAL),
			new Column("ContractedUnitPrice", false, true, Type.DECIMAL),
			new Column("EffectiveCost", true, false, Type.DECIMAL),
			new Column("InvoiceId", false, true, Type.STRING),
			new Column("InvoiceIssuerName", true, false, Type.STRING),
			new Column("ListCost", true, false, Type.DECIMAL),
			new Column("ListUnitPrice", false, true, Type.DECIMAL),
			new Column("PricingCategory", false, true, Type.ALLOWED),
			new Column("PricingCurrency", false, true, Type.CURRENCY),
			new Column("PricingCurrencyContractedUnitPrice", false, true, Type.DECIMAL),
			new Column("PricingCurrencyEffectiveCost", false, true, Type.DECIMAL),
			new Column("PricingCurrencyListUnitPrice", false, true, Type.DECIMAL),
			new Column("PricingQuantity", true, true, Type.DECIMAL),
			new Column("PricingUnit", true, true, Type.UNIT),
			new Column("ProviderName", true, false, Type.STRING),
			new Column("PublisherName", true, false, Type.STRING),
			new Column("RegionId", false, true, Type.STRING),
			new Column("RegionName", false, true, Type.STRING),
			new Column("ResourceId", false, true, Type.STRING),
			new Column("ResourceName", false, true, Type.STRING),
			new Column("ResourceType", false, true, Type.STRING),
			new Column("ServiceCategory", true, false, Type.ALLOWED),
			new Column("ServiceName", true, false, Type.STRING),
			new Column("ServiceSubcategory", false, false, Type.STRING),
			new Column("SkuId", false, true, Type.STRING),
			new Column("SkuMeter", false, true, Type.STRING),
			new Column("SkuPriceDetails", false, true, Type.KEY_VALUE),
			new Column("SkuPriceId", false, true, Type.STRING),
			new Column("SubAccountId", false, true, Type.STRING),
			new Column("SubAccountName", false, true, Type.STRING),
			new Column("SubAccountType", false, true, Type.STRING),
			new Column("Tags", false, true, Type.KEY_VALUE));

	private static final Map<String, Set<String>> ALLOWED = Map.of(
			"CapacityReservationStatus", Set.of("Used", "Unused"),
			"ChargeCategory", Set.of("Usage", "Purchase", "Tax", "Credit", "Adjustment"),
			"ChargeClass", Set.of("Correction"),
			"ChargeFrequency", Set.of("One-Time", "Recurring", "Usage-Based"),
			"CommitmentDiscountCategory", Set.of("Spend", "Usage"),
			"CommitmentDiscountStatus", Set.of("Used", "Unused"),
			"PricingCategory", Set.of("Standard", "Dynamic", "Committed", "Other"),
			"ServiceCategory", Set.of("AI and Machine Learning", "Analytics", "Business Applications", "Compute",
					"Databases", "Developer Tools", "Multicloud", "Identity", "Integration", "Internet of Things",
					"Management and Governance", "Media", "Migration", "Mobile", "Networking", "Security", "Storage",
					"Web", "Other"));

	/** Columns that are null together: a unit without a quantity, a name without an ID is meaningless. */
	private static final List<List<String>> NULL_TOGETHER = List.of(List.of("PricingQuantity", "PricingUnit"),
			List.of("ConsumedQuantity", "ConsumedUnit"), List.of("SubAccountId", "SubAccountName"),
			List.of("RegionId", "RegionName"));

	/** What Usage and Purchase rows (not corrections) must have, and Tax rows must not. */
	private static final List<String> PRICED = List.of("ListUnitPrice", "ContractedUnitPrice", "PricingQuantity",
			"PricingUnit", "PricingCategory", "SkuId", "SkuPriceId");

	private FocusValidator() {
	}

	/**
	 * @return every violation found, in file order; empty for a valid file
	 */
	public static List<Violation> validate(Path focusCsv) throws IOException {
		List<Violation> violations = new ArrayList<>();
		try (Reader reader = CsvDialect.reader(Files.newInputStream(focusCsv));
				CSVParser parser = FORMAT.parse(reader)) {
			List<String> header = parser.getHeaderNames();
			checkHeader(header, violations);
			long row = 0;
			for (CSVRecord record : parser) {
				row++;
				if (record.size() != header.size()) {
					violations.add(
							new Violation(row, "", "has " + record.size() + " fields, the header " + header.size()));
				}
				else {
					new RowCheck(row, record, violations).run();
				}
			}
		}
		return violations;
	}

	private static void checkHeader(List<String> header, List<Violation> violations) {
		for (Column column : COLUMNS.values()) {
			if (column.mandatory() && !header.contains(column.id())) {
				violations.add(new Violation(0, column.id(), "mandatory column missing"));
			}
		}
		Set<String> seen = new HashSet<>();
		int lastFocusColumn = -1;
		for (int i = 0; i < header.size(); i++) {
			lastFocusColumn = COLUMNS.containsKey(header.get(i)) ? i : lastFocusColumn;
		}
		for (int i = 0; i < header.size(); i++) {
			String name = header.get(i);
			if (!seen.add(name)) {
				violations.add(new Violation(0, name, "column appears twice"));
			}
			if (name.startsWith("x_")) {
				if (i < lastFocusColumn) {
					violations.add(
							new Violation(0, name, "custom column before FOCUS column " + header.get(lastFocusColumn)));
				}
			}
			else if (!COLUMNS.containsKey(name)) {
				violations.add(new Violation(0, name, "neither a FOCUS 1.2 column nor a custom column prefixed x_"));
			}
		}
	}

	private static Map<String, Column> columns(Column... columns) {
		Map<String, Column> byId = new LinkedHashMap<>();
		for (Column column : columns) {
			byId.put(column.id(), column);
		}
		return byId;
	}

	/**
	 * A broken rule.
	 * @param row the data row, 1 for the first after the header; 0 for the header
	 * @param column the column ID, empty for the whole row
	 */
	public record Violation(long row, String column, String problem) {

		@Override
		public String toString() {
			return ((this.row == 0) ? "header" : "row " + this.row) + ", " + this.column + ": " + this.problem;
		}

	}

	private enum Type {

		STRING, DECIMAL, DATE_TIME, CURRENCY, ALLOWED, UNIT, KEY_VALUE

	}

	private record Column(String id, boolean mandatory, boolean nullable, Type type) {
	}

	/**
	 * The checks of one row. A value that does not parse is reported once, by its format check, and then skipped by
	 * the rules that compute with it.
	 */
	private static final class RowCheck {

		private final long row;

		private final CSVRecord record;

		private final List<Violation> violations;

		private final Set<String> malformed = new HashSet<>();

		RowCheck(long row, CSVRecord record, List<Violation> violations) {
			this.row = row;
			this.record = record;
			this.violations = violations;
		}

		void run() {
			for (Column column : COLUMNS.values()) {
				if (this.record.isMapped(column.id())) {
					checkValue(column);
				}
			}
			checkPeriod("BillingPeriodStart", "BillingPeriodEnd");
			checkPeriod("ChargePeriodStart", "ChargePeriodEnd");
			for (List<String> pair : NULL_TOGETHER) {
				if ((value(pair.get(0)) == null) != (value(pair.get(1)) == null)) {
					violate(pair.get(1), "must be null exactly when " + pair.get(0) + " is null");
				}
			}
			checkNullWhen("SkuMeter", "SkuId");
			checkNullWhen("ResourceName", "ResourceId");
			checkCategory();
			checkNonNegative("ListUnitPrice");
			checkNonNegative("ContractedUnitPrice");
			boolean correction = "Correction".equals(value("ChargeClass"));
			if (!correction) {
				checkCost("ListUnitPrice", "ListCost");
				checkCost("ContractedUnitPrice", "ContractedCost");
			}
		}

		private void checkValue(Column column) {
			String value = value(column.id());
			if (value == null) {
				if (!column.nullable()) {
					violate(column.id(), "must not be null");
				}
				return;
			}
			String problem = switch (column.type()) {
				case STRING -> null;
				case DECIMAL -> NUMERIC.matcher(value).matches() ? null : "'" + value + "' is not in NumericFormat";
				case DATE_TIME -> dateTimeProblem(value);
				case CURRENCY -> currencyProblem(value);
				case ALLOWED -> ALLOWED.get(column.id()).contains(value) ? null : "'" + value + "' is not allowed";
				case UNIT -> UNIT_FORMAT.matcher(value).matches() ? null : "'" + value + "' is not in UnitFormat";
				case KEY_VALUE -> keyValueProblem(value);
			};
			if (problem != null) {
				this.malformed.add(column.id());
				violate(column.id(), problem);
			}
		}

		private static @Nullable String dateTimeProblem(String value) {
			if (!DATE_TIME.matcher(value).matches()) {
				return "'" + value + "' is not in FOCUS Date/Time format YYYY-MM-DDTHH:mm:ssZ";
			}
			try {
				Instant.parse(value);
				return null;
			}
			catch (DateTimeParseException ex) {
				return "'" + value + "' is no date and time";
			}
		}

		private static @Nullable String currencyProblem(String value) {
			try {
				return (value.length() == 3 && value.equals(Currency.getInstance(value).getCurrencyCode())) ? null
						: "'" + value + "' is not an ISO 4217 currency code";
			}
			catch (IllegalArgumentException ex) {
				return "'" + value + "' is not an ISO 4217 currency code";
			}
		}

		private static @Nullable String keyValueProblem(String value) {
			try {
				JsonNode object = JSON.readTree(value);
				if (!object.isObject()) {
					return "is not a JSON object";
				}
				for (JsonNode member : object.values()) {
					if (member.isContainer()) {
						return "has a nested object or array";
					}
				}
				return null;
			}
			catch (JacksonException ex) {
				return "is not a JSON object with unique keys: " + ex.getOriginalMessage();
			}
		}

		/**
		 * Start inclusive, end exclusive: an empty period is none.
		 */
		private void checkPeriod(String start, String end) {
			String from = wellFormed(start);
			String to = wellFormed(end);
			if (from != null && to != null && !Instant.parse(from).isBefore(Instant.parse(to))) {
				violate(end, to + " is not after " + start + " " + from);
			}
		}

		private void checkNullWhen(String column, String whenNull) {
			if (value(whenNull) == null && value(column) != null) {
				violate(column, "must be null when " + whenNull + " is null");
			}
		}

		private void checkCategory() {
			String category = value("ChargeCategory");
			boolean correction = "Correction".equals(value("ChargeClass"));
			if (("Usage".equals(category) || "Purchase".equals(category)) && !correction) {
				for (String column : PRICED) {
					if (value(column) == null) {
						violate(column, "must not be null in a " + category + " row");
					}
				}
			}
			if ("Tax".equals(category)) {
				for (String column : PRICED) {
					if (value(column) != null) {
						violate(column, "must be null in a Tax row");
					}
				}
			}
			if (!"Usage".equals(category) && value("ConsumedQuantity") != null) {
				violate("ConsumedQuantity", "must be null unless ChargeCategory is Usage");
			}
			boolean unamortized = value("CommitmentDiscountId") == null
					&& ("Usage".equals(category) || "Adjustment".equals(category) || "Credit".equals(category));
			BigDecimal billed = decimal("BilledCost");
			BigDecimal effective = decimal("EffectiveCost");
			if (unamortized && billed != null && effective != null && billed.compareTo(effective) != 0) {
				violate("EffectiveCost", effective.toPlainString() + " differs from BilledCost "
						+ billed.toPlainString() + " with nothing amortized");
			}
		}

		private void checkNonNegative(String column) {
			BigDecimal price = decimal(column);
			if (price != null && price.signum() < 0) {
				violate(column, "must not be negative");
			}
		}

		/**
		 * Unit price × PricingQuantity = cost, exactly, when both are known.
		 */
		private void checkCost(String unitPrice, String cost) {
			BigDecimal price = decimal(unitPrice);
			BigDecimal quantity = decimal("PricingQuantity");
			BigDecimal actual = decimal(cost);
			if (price != null && quantity != null && actual != null) {
				BigDecimal expected = price.multiply(quantity);
				if (expected.compareTo(actual) != 0) {
					violate(cost, actual.toPlainString() + " is not " + unitPrice + " × PricingQuantity = "
							+ expected.toPlainString());
				}
			}
		}

		private @Nullable String value(String column) {
			if (!this.record.isMapped(column)) {
				return null;
			}
			String value = this.record.get(column);
			return value.isEmpty() ? null : value;
		}

		private @Nullable String wellFormed(String column) {
			return this.malformed.contains(column) ? null : value(column);
		}

		private @Nullable BigDecimal decimal(String column) {
			String value = wellFormed(column);
			return (value != null) ? new BigDecimal(value) : null;
		}

		private void violate(String column, String problem) {
			this.violations.add(new Violation(this.row, column, problem));
		}

	}

}
