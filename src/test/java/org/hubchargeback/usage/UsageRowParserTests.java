package org.hubchargeback.usage;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * One row of either export layout into a {@link UsageRecord}, or the field at fault and why.
 */
class UsageRowParserTests {

	static final String SUMMARY_HEADER = "\"UsageStartTime\",\"UsageEndTime\",\"MeterName\",\"Quantity\","
			+ "\"resourceType\",\"location\",\"resourceGroup\",\"resourceName\",\"subowner\",\"tags\",\"MeterId\","
			+ "\"additionalInfo\",\"subscription\",\"resourceUri\"";

	static final String CANONICAL_HEADER = "UsageStartTime,UsageEndTime,SubscriptionId,TenantId,MeterId,Quantity,"
			+ "ResourceUri";

	static final String SUBSCRIPTION = "c79389af-4480-48cc-8fa2-ee8ced8e843d";

	static final String TENANT = "104edf09-7fc1-459f-8c4e-b062db480b90";

	static final String VM = "/subscriptions/" + SUBSCRIPTION
			+ "/resourceGroups/rg1/providers/Microsoft.Compute/virtualMachines/vm1";

	static final InputFile FILE = new InputFile(0, "east", Path.of("east/usage.csv"), "east/usage.csv");

	// usage after this is "in the future" for these tests
	static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

	private final UsageRowParser enUs = new UsageRowParser(UsageCulture.of("en-US"), NOW);

	@Test
	void usagesummaryHeaderGivesTheUsageSummaryLayout() {
		// given
		List<String> header = fields(SUMMARY_HEADER);

		// when
		UsageLayout layout = UsageLayout.fromHeader(header);

		// then
		assertThat(layout.format()).isEqualTo(UsageFormat.USAGE_SUMMARY);
		assertThat(layout.width()).isEqualTo(14);
	}

	@Test
	void canonicalHeaderGivesTheCanonicalLayout() {
		// given
		List<String> header = fields(CANONICAL_HEADER);

		// when
		UsageLayout layout = UsageLayout.fromHeader(header);

		// then
		assertThat(layout.format()).isEqualTo(UsageFormat.CANONICAL);
		assertThat(layout.width()).isEqualTo(7);
	}

	@Test
	void usagesummaryRowIsParsed() {
		// given: the illustrative en-US row of domain facts 2.3
		UsageRow row = row(SUMMARY_HEADER, "\"8/1/2017 12:00:00 AM\",\"8/2/2017 12:00:00 AM\",\"Base VM Size Hours\","
				+ "\"48\",\"virtualMachines\",\"local\",\"rg1\",\"vm1\",\"user@contoso.onmicrosoft.com\","
				+ "\"@{Department=Sales}\",\"FAB6EB84-500B-4A09-A8CA-7358F8BBAEA5\",,\"" + SUBSCRIPTION + "\",\"" + VM
				+ "\"");

		// when
		UsageRecord record = this.enUs.parse(row);

		// then
		assertThat(record.hub()).isEqualTo("east");
		assertThat(record.usageStart()).isEqualTo(Instant.parse("2017-08-01T00:00:00Z"));
		assertThat(record.usageEnd()).isEqualTo(Instant.parse("2017-08-02T00:00:00Z"));
		assertThat(record.hubSubscriptionId()).isEqualTo(SUBSCRIPTION);
		assertThat(record.tenantId()).isNull();
		assertThat(record.meterId()).isEqualTo("fab6eb84-500b-4a09-a8ca-7358f8bbaea5");
		assertThat(record.quantity()).isEqualByComparingTo("48");
		assertThat(record.resourceUri()).isEqualTo(VM);
		assertThat(record.location()).isEqualTo("local");
	}

	@Test
	void usagesummaryRowIsParsedUnderDeDe() {
		// given
		UsageRowParser deDe = new UsageRowParser(UsageCulture.of("de-DE"), NOW);
		UsageRow row = row(SUMMARY_HEADER, "\"16.11.2026 00:00:00\",\"17.11.2026 00:00:00\",\"\",\"2,4\","
				+ "\"virtualMachines\",\"local\",\"rg1\",\"vm1\",\"\",\"\",\"F271A8A388C44D93956A063E1D2FA80B\",,\""
				+ SUBSCRIPTION + "\",\"" + VM + "\"");

		// when
		UsageRecord record = deDe.parse(row);

		// then
		assertThat(record.usageStart()).isEqualTo(Instant.parse("2026-11-16T00:00:00Z"));
		assertThat(record.usageEnd()).isEqualTo(Instant.parse("2026-11-17T00:00:00Z"));
		assertThat(record.quantity()).isEqualByComparingTo("2.4");
		assertThat(record.meterId()).isEqualTo("f271a8a3-88c4-4d93-956a-063e1d2fa80b");
	}

	@Test
	void canonicalRowIsParsed() {
		// given
		UsageRow row = row(CANONICAL_HEADER, canonical("2026-11-16T00:00:00Z", "2026-11-17T00:00:00Z", SUBSCRIPTION,
				TENANT, "FAB6EB84-500B-4A09-A8CA-7358F8BBAEA5", "0.0416666666666667", VM));

		// when
		UsageRecord record = this.enUs.parse(row);

		// then
		assertThat(record.usageStart()).isEqualTo(Instant.parse("2026-11-16T00:00:00Z"));
		assertThat(record.usageEnd()).isEqualTo(Instant.parse("2026-11-17T00:00:00Z"));
		assertThat(record.hubSubscriptionId()).isEqualTo(SUBSCRIPTION);
		assertThat(record.tenantId()).isEqualTo(TENANT);
		assertThat(record.meterId()).isEqualTo("fab6eb84-500b-4a09-a8ca-7358f8bbaea5");
		assertThat(record.quantity()).isEqualByComparingTo(new BigDecimal("0.0416666666666667"));
		assertThat(record.resourceUri()).isEqualTo(VM);
		assertThat(record.location()).isEmpty();
	}

	@Test
	void headerNamesMatchCaseInsensitively() {
		// given
		String header = "usagestarttime,USAGEENDTIME,subscriptionID,tenantid,METERID,quantity,resourceuri";
		UsageRow row = row(header, canonical("2026-11-16T00:00:00Z", "2026-11-17T00:00:00Z", SUBSCRIPTION, TENANT,
				"FAB6EB84-500B-4A09-A8CA-7358F8BBAEA5", "3", VM));

		// when
		UsageRecord record = this.enUs.parse(row);

		// then
		assertThat(row.layout().format()).isEqualTo(UsageFormat.CANONICAL);
		assertThat(record.hubSubscriptionId()).isEqualTo(SUBSCRIPTION);
		assertThat(record.tenantId()).isEqualTo(TENANT);
		assertThat(record.quantity()).isEqualByComparingTo("3");
	}

	@Test
	void byteOrderMarkOnTheFirstHeaderIsIgnored() {
		// given
		List<String> header = fields("\uFEFF" + CANONICAL_HEADER);

		// when
		UsageLayout layout = UsageLayout.fromHeader(header);

		// then
		assertThat(layout.format()).isEqualTo(UsageFormat.CANONICAL);
		assertThat(layout.get(new String[] { "2026-11-16T00:00:00Z", "", "", "", "", "", "" },
				UsageColumn.USAGE_START_TIME))
			.isEqualTo("2026-11-16T00:00:00Z");
	}

	@Test
	void duplicateHeaderNameIsRefused() {
		// given: the same name twice, differing only in case
		List<String> header = fields(CANONICAL_HEADER + ",quantity");

		// when
		InvalidUsageFileException thrown = catchThrowableOfType(InvalidUsageFileException.class,
				() -> UsageLayout.fromHeader(header));

		// then
		assertThat(thrown).hasMessage("duplicate column 'quantity' (columns 6 and 8)")
			.extracting(InvalidUsageFileException::line)
			.isEqualTo(1L);
	}

	@Test
	void missingRequiredColumnIsRefused() {
		// given: no MeterId
		List<String> header = fields("UsageStartTime,UsageEndTime,SubscriptionId,TenantId,Quantity,ResourceUri");

		// when
		InvalidUsageFileException thrown = catchThrowableOfType(InvalidUsageFileException.class,
				() -> UsageLayout.fromHeader(header));

		// then
		assertThat(thrown).hasMessageStartingWith("missing column 'MeterId' for the CANONICAL layout");
	}

	@Test
	void missingRequiredUsagesummaryColumnIsRefused() {
		// given: no resourceUri
		List<String> header = fields(SUMMARY_HEADER.replace(",\"resourceUri\"", ""));

		// when
		InvalidUsageFileException thrown = catchThrowableOfType(InvalidUsageFileException.class,
				() -> UsageLayout.fromHeader(header));

		// then
		assertThat(thrown).hasMessageStartingWith("missing column 'resourceUri' for the USAGE_SUMMARY layout");
	}

	@Test
	void headerOfNeitherLayoutIsRefused() {
		// given: a Partner Center reconciliation file, which names the subscription differently
		List<String> header = fields("PartnerId,CustomerId,SubscriptionGuid,MeterId,Quantity,UsageDate");

		// when
		InvalidUsageFileException thrown = catchThrowableOfType(InvalidUsageFileException.class,
				() -> UsageLayout.fromHeader(header));

		// then
		assertThat(thrown)
			.hasMessageStartingWith("not a usage export: no 'SubscriptionId' (canonical) or 'subscription'");
	}

	@Test
	void canonicalFileWithoutTenantColumnHasNoTenant() {
		// given: TenantId is optional
		String header = "UsageStartTime,UsageEndTime,SubscriptionId,MeterId,Quantity,ResourceUri";
		UsageRow row = row(header, String.join(",", "2026-11-16T00:00:00Z", "2026-11-17T00:00:00Z", SUBSCRIPTION,
				"FAB6EB84-500B-4A09-A8CA-7358F8BBAEA5", "1", VM));

		// when
		UsageRecord record = this.enUs.parse(row);

		// then
		assertThat(record.tenantId()).isNull();
		assertThat(record.hubSubscriptionId()).isEqualTo(SUBSCRIPTION);
	}

	@Test
	void backslashesInTheResourceUriBecomeForwardSlashes() {
		// given
		String backslashed = VM.replace('/', '\\');
		UsageRow row = row(CANONICAL_HEADER, canonical("2026-11-16T00:00:00Z", "2026-11-17T00:00:00Z", SUBSCRIPTION,
				TENANT, "FAB6EB84-500B-4A09-A8CA-7358F8BBAEA5", "1", backslashed));

		// when
		UsageRecord record = this.enUs.parse(row);

		// then
		assertThat(record.resourceUri()).isEqualTo(VM);
	}

	@Test
	void zeroQuantityIsAccepted() {
		// given
		UsageRow row = row(CANONICAL_HEADER, canonical("2026-11-16T00:00:00Z", "2026-11-17T00:00:00Z", SUBSCRIPTION,
				TENANT, "FAB6EB84-500B-4A09-A8CA-7358F8BBAEA5", "0", VM));

		// when
		UsageRecord record = this.enUs.parse(row);

		// then
		assertThat(record.quantity()).isEqualByComparingTo(BigDecimal.ZERO);
	}

	@Test
	void uppercaseIdsAreNormalizedToLowercase() {
		// given
		UsageRow row = row(CANONICAL_HEADER, canonical("2026-11-16T00:00:00Z", "2026-11-17T00:00:00Z",
				SUBSCRIPTION.toUpperCase(), TENANT.toUpperCase(), "FAB6EB84-500B-4A09-A8CA-7358F8BBAEA5", "1", VM));

		// when
		UsageRecord record = this.enUs.parse(row);

		// then
		assertThat(record.tenantId()).isEqualTo(TENANT);
		assertThat(record.hubSubscriptionId()).isEqualTo(SUBSCRIPTION);
	}

	@Test
	void zeroLengthUsageIsAccepted() {
		// given
		UsageRow row = row(CANONICAL_HEADER, canonical("2026-11-16T00:00:00Z", "2026-11-16T00:00:00Z", SUBSCRIPTION,
				TENANT, "FAB6EB84-500B-4A09-A8CA-7358F8BBAEA5", "1", VM));

		// when
		UsageRecord record = this.enUs.parse(row);

		// then
		assertThat(record.usageEnd()).isEqualTo(record.usageStart());
	}

	static Stream<Arguments> rejectedCanonicalRows() {
		String start = "2026-11-16T00:00:00Z";
		String end = "2026-11-17T00:00:00Z";
		String meter = "FAB6EB84-500B-4A09-A8CA-7358F8BBAEA5";
		return Stream.of(
				Arguments.of("missing start", canonical("", end, SUBSCRIPTION, TENANT, meter, "1", VM),
						"UsageStartTime", "missing date"),
				Arguments.of("bad start", canonical("11/31/2026", end, SUBSCRIPTION, TENANT, meter, "1", VM),
						"UsageStartTime", "not a date: '11/31/2026'"),
				Arguments.of("bad end", canonical(start, "tomorrow", SUBSCRIPTION, TENANT, meter, "1", VM),
						"UsageEndTime", "not a date: 'tomorrow'"),
				Arguments.of("end before start", canonical(end, start, SUBSCRIPTION, TENANT, meter, "1", VM),
						"UsageEndTime",
						"usage ends (2026-11-16T00:00:00Z) before it starts (2026-11-17T00:00:00Z)"),
				Arguments.of("missing subscription", canonical(start, end, "", TENANT, meter, "1", VM),
						"SubscriptionId", "missing subscription ID"),
				Arguments.of("subscription not a GUID", canonical(start, end, "sub-1", TENANT, meter, "1", VM),
						"SubscriptionId", "not a GUID: 'sub-1'"),
				Arguments.of("tenant not a GUID",
						canonical(start, end, SUBSCRIPTION, "contoso.onmicrosoft.com", meter, "1", VM), "TenantId",
						"not a GUID: 'contoso.onmicrosoft.com'"),
				Arguments.of("missing meter", canonical(start, end, SUBSCRIPTION, TENANT, "", "1", VM), "MeterId",
						"missing meter ID"),
				Arguments.of("missing quantity", canonical(start, end, SUBSCRIPTION, TENANT, meter, "", VM), "Quantity",
						"missing quantity"),
				Arguments.of("quantity not a number", canonical(start, end, SUBSCRIPTION, TENANT, meter, "NaN", VM),
						"Quantity", "not a number: 'NaN'"),
				Arguments.of("decimal comma under en-US",
						canonical(start, end, SUBSCRIPTION, TENANT, meter, "\"2,4\"", VM), "Quantity",
						"not a number: '2,4' (culture en-US uses '.' as decimal separator)"),
				Arguments.of("negative quantity", canonical(start, end, SUBSCRIPTION, TENANT, meter, "-1.5", VM),
						"Quantity", "negative quantity -1.5"),
				Arguments.of("too few fields", String.join(",", start, end, SUBSCRIPTION, TENANT, meter, "1"),
						"(record)", "expected 7 fields as in the header, found 6"),
				Arguments.of("too many fields", canonical(start, end, SUBSCRIPTION, TENANT, meter, "1", VM) + ",extra",
						"(record)", "expected 7 fields as in the header, found 8"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("rejectedCanonicalRows")
	void rejectedCanonicalRowNamesTheFieldAndReason(String description, String line, String field, String reason) {
		// given
		UsageRow row = row(CANONICAL_HEADER, line);

		// when
		RejectedRowException thrown = catchThrowableOfType(RejectedRowException.class, () -> this.enUs.parse(row));

		// then
		assertThat(thrown.field()).isEqualTo(field);
		assertThat(thrown.reason()).startsWith(reason);
	}

	@Test
	void rejectedUsagesummaryRowNamesTheUsagesummaryHeader() {
		// given: the subscription column of Usagesummary.ps1 is 'subscription'
		UsageRow row = row(SUMMARY_HEADER, "\"8/1/2017 12:00:00 AM\",\"8/2/2017 12:00:00 AM\",\"\",\"48\",\"\","
				+ "\"local\",\"\",\"\",\"\",\"\",\"FAB6EB84-500B-4A09-A8CA-7358F8BBAEA5\",,\"not-a-guid\",\"" + VM
				+ "\"");

		// when
		RejectedRowException thrown = catchThrowableOfType(RejectedRowException.class, () -> this.enUs.parse(row));

		// then
		assertThat(thrown.field()).isEqualTo("subscription");
		assertThat(thrown.reason()).isEqualTo("not a GUID: 'not-a-guid'");
	}

	@Test
	void decimalPointUnderDeDeIsRejected() {
		// given
		UsageRowParser deDe = new UsageRowParser(UsageCulture.of("de-DE"), NOW);
		UsageRow row = row(CANONICAL_HEADER, canonical("2026-11-16T00:00:00Z", "2026-11-17T00:00:00Z", SUBSCRIPTION,
				TENANT, "FAB6EB84-500B-4A09-A8CA-7358F8BBAEA5", "2.4", VM));

		// when
		RejectedRowException thrown = catchThrowableOfType(RejectedRowException.class, () -> deDe.parse(row));

		// then
		assertThat(thrown.field()).isEqualTo("Quantity");
		assertThat(thrown.reason()).isEqualTo("not a number: '2.4' (culture de-DE uses ',' as decimal separator)");
	}

	private static String canonical(String start, String end, String subscription, String tenant, String meter,
			String quantity, String resourceUri) {
		return String.join(",", start, end, subscription, tenant, meter, quantity, resourceUri);
	}

	private static UsageRow row(String header, String line) {
		UsageLayout layout = UsageLayout.fromHeader(fields(header));
		String[] values = fields(line).toArray(String[]::new);
		return new UsageRow(1, FILE, layout, 2, values);
	}

	private static List<String> fields(String line) {
		try {
			return CSVFormat.DEFAULT.parse(new StringReader(line)).getRecords().get(0).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
