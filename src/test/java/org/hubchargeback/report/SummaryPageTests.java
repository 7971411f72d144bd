package org.hubchargeback.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hubchargeback.HtmlTable;
import org.hubchargeback.report.SummaryPage.Data;
import org.hubchargeback.report.SummaryPage.DayTotal;
import org.hubchargeback.report.SummaryPage.MeterTotal;
import org.hubchargeback.report.SummaryPage.UnregisteredTenant;
import org.hubchargeback.run.ControlTotals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code summary.html} as rendered, read back with {@link HtmlTable}; {@code SummaryPageBrowserTests} reads it as
 * chromium renders it.
 */
class SummaryPageTests {

	static final String CONTOSO = "ABCDEF01-2345-4678-9ABC-DEF012345678";

	static final String DEFAULT = "11111111-1111-4111-8111-111111111111";

	static final String VM = "fab6eb84-500b-4a09-a8ca-7358f8bbaea5";

	static final String IP = "f271a8a3-88c4-4d93-956a-063e1d2fa80b";

	static final ControlTotals BALANCED = new ControlTotals(10, 6, 2, 1, 1, 0);

	static final List<MeterTotal> METERS = List.of(
			new MeterTotal(CONTOSO, "REGISTERED", VM, "Base VM Size Hours", "Virtual core hours",
					new BigDecimal("48.000"), new BigDecimal("1.20"), 4),
			new MeterTotal(CONTOSO, "REGISTERED", IP, "Static IP Address Usage", "IP addresses", new BigDecimal("24"),
					null, 2),
			new MeterTotal(DEFAULT, "DEFAULT", VM, "Base VM Size Hours", "Virtual core hours",
					new BigDecimal("0.00001"), new BigDecimal("0.0000025"), 1),
			new MeterTotal(DEFAULT, "DEFAULT", IP, "Static IP Address Usage", "IP addresses", new BigDecimal("1.50"),
					new BigDecimal("0.75"), 1),
			new MeterTotal(DEFAULT, "ROUNDING", "", "", "", BigDecimal.ZERO, new BigDecimal("0.01"), 0));

	static final List<DayTotal> DAYS = List.of(
			new DayTotal(LocalDate.of(2026, 11, 17), 30, null),
			new DayTotal(LocalDate.of(2026, 11, 16), 1043, new BigDecimal("1.95")),
			new DayTotal(LocalDate.of(2026, 11, 18), 0, new BigDecimal("0.00")));

	@Test
	void escapesEveryText() {
		// given
		String hostile = "<script>alert('x')</script> & \"more\"";
		MeterTotal meter = new MeterTotal(CONTOSO, "REGISTERED", VM, hostile, "<b>", BigDecimal.ONE, null, 1);
		UnregisteredTenant tenant = new UnregisteredTenant("<img src=x>", "t'1", "TENANT_NOT_REGISTERED", DEFAULT, null,
				1);

		// when
		String html = SummaryPage.render(data(null, List.of(meter), DAYS, List.of(tenant), List.of(hostile),
				Map.of("<hub>", BALANCED)));

		// then
		assertThat(html).doesNotContain("<script", "<img", "<b>", "<hub>")
			.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;more&quot;");
		assertThat(HtmlTable.parse(html, "meter-totals").body().get(0)).containsEntry("meterName", hostile)
			.containsEntry("unit", "<b>");
		assertThat(HtmlTable.parse(html, "unregistered-tenants").body().get(0)).containsEntry("hub", "<img src=x>")
			.containsEntry("tenantId", "t'1");
		assertThat(HtmlTable.parse(html, "control-totals").body().get(0)).containsEntry("hub", "<hub>");
	}

	@Test
	void headerNamesTheRangeAndItsRunNumber() {
		// when
		String html = SummaryPage.render(data("EUR", METERS, DAYS, List.of(), List.of(), Map.of()));

		// then
		assertThat(html).contains("<h1>Chargeback 2026-11-16 to 2026-11-18</h1>",
				"<dt>Run</dt><dd id=\"run-id\">42</dd>");
	}

	@Test
	void loadsNothing() {
		// when
		String html = SummaryPage.render(data("EUR", METERS, DAYS, tenants(3, true), List.of("a warning"), Map.of()));

		// then
		assertThat(html.toLowerCase()).doesNotContain("http:", "https:", "ftp:", "=\"//", "url(", "@import",
				"<script", "<link", "<img", "<iframe", "<object", " src=", "srcset");
		assertThat(html).contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
				+ "style-src 'unsafe-inline'\">");
	}

	@Test
	void unpricedPageHasNoCost() {
		// given: costs that must not show, as the run has no rate card
		List<UnregisteredTenant> tenants = tenants(3, true);

		// when
		String html = SummaryPage.render(data(null, METERS, DAYS, tenants, List.of(), Map.of()));

		// then
		assertThat(html).doesNotContain("data-col=\"cost\"", ">Cost", "EUR", "class=\"num missing\"", "num partial")
			.contains("<h2>Records per usage day</h2>", "none (no rate card): quantities only");
		assertThat(bars(html)).containsExactly("2026-11-16 1043", "2026-11-17 30", "2026-11-18 0");
	}

	@Test
	void pricedPageShowsCostsAsTheCsvsPrintThem() {
		// when
		String html = SummaryPage.render(data("EUR", METERS, DAYS, List.of(), List.of(), Map.of()));

		// then
		HtmlTable meters = HtmlTable.parse(html, "meter-totals");
		assertThat(meters.bodyValues("chargedSubscriptionId", "reason", "meterId", "meterName", "unit", "quantity",
				"records", "cost"))
			.containsExactly(
					List.of(CONTOSO, "REGISTERED", VM, "Base VM Size Hours", "Virtual core hours", "48", "4", "1.20"),
					List.of(CONTOSO, "REGISTERED", IP, "Static IP Address Usage", "IP addresses", "24", "2", ""),
					List.of(DEFAULT, "DEFAULT", VM, "Base VM Size Hours", "Virtual core hours", "0.00001", "1",
							"0.0000025"),
					List.of(DEFAULT, "DEFAULT", IP, "Static IP Address Usage", "IP addresses", "1.5", "1", "0.75"),
					List.of(DEFAULT, "ROUNDING", "", "", "", "0", "0", "0.01"));
		assertThat(html).contains("<td class=\"num missing\" data-col=\"cost\"></td>",
				"<td class=\"num\" data-col=\"quantity\" data-value=\"0.00001\">0.00001</td>",
				"<dd id=\"currency\">EUR");
		// grouped by threes with a narrow no-break space; data-value as the CSV files print it
		assertThat(HtmlTable.parse(html, "day-totals").bodyValues("day", "records", "cost")).containsExactly(
				List.of("2026-11-16", "1\u202f043", "1.95"), List.of("2026-11-17", "30", ""),
				List.of("2026-11-18", "0", "0.00"));
		assertThat(html).contains("data-col=\"records\" data-value=\"1043\">1\u202f043</td>");
		// a day with nothing priced has a bar of height 0 and no value
		assertThat(bars(html)).containsExactly("2026-11-16 1.95", "2026-11-17 null", "2026-11-18 0.00");
	}

	@Test
	void subscriptionTotalsAddUpRecordsMetersAndCostWithTheRoundingRow() {
		// when
		String html = SummaryPage.render(data("EUR", METERS, DAYS, List.of(), List.of(), Map.of()));

		// then
		HtmlTable totals = HtmlTable.parse(html, "subscription-totals");
		assertThat(totals.bodyValues("chargedSubscriptionId", "reasons", "meters", "records", "cost")).containsExactly(
				List.of(CONTOSO, "REGISTERED", "2", "6", "1.20"), List.of(DEFAULT, "DEFAULT", "2", "2", "0.7600025"));
		assertThat(totals.footer()).containsExactly(Map.of("chargedSubscriptionId", "All subscriptions", "meters", "2",
				"records", "8", "cost", "1.9600025"));
		// the IP address of Contoso has no price, so its total is too low: marked, and explained below the table
		assertThat(html).contains("<td class=\"num partial\" title=\"some meters have no price\" data-col=\"cost\" "
				+ "data-value=\"1.20\">1.20</td>", "* Too low:");
	}

	@Test
	void warningsBoxOnlyWhenThereAreWarnings() {
		// when
		String without = SummaryPage.render(data("EUR", METERS, DAYS, List.of(), List.of(), Map.of()));
		String with = SummaryPage.render(data("EUR", METERS, DAYS, List.of(),
				List.of("hub-b: registration snapshot of 2026-11-01 used", "3 meters have no price"), Map.of()));

		// then
		assertThat(without).doesNotContain("id=\"warnings\"");
		assertThat(with).contains("<section id=\"warnings\" class=\"warnings\" role=\"alert\">\n<h2>2 warnings</h2>\n"
				+ "<ul>\n<li>hub-b: registration snapshot of 2026-11-01 used</li>\n<li>3 meters have no price</li>\n");
		// right below the title, above every table
		assertThat(with.indexOf("id=\"warnings\"")).isLessThan(with.indexOf("<table"))
			.isGreaterThan(with.indexOf("<h1>"));
	}

	@Test
	void topTenUnregisteredTenantsByCostThenHubAndTenant() {
		// given: 12 tenants in no order, ties on cost, one unpriced and one unknown tenant
		List<UnregisteredTenant> tenants = new ArrayList<>(List.of(
				tenant("hub-b", "t-01", 5, "2.00"), tenant("hub-a", "t-02", 900, null),
				tenant("hub-a", "t-03", 1, "9.99"), tenant("hub-a", "", 7, "2.00"),
				tenant("hub-a", "t-05", 2, "2.00"), tenant("hub-c", "t-06", 3, "0.50"),
				tenant("hub-a", "t-07", 4, "12"), tenant("hub-b", "t-08", 8, "0.01"),
				tenant("hub-b", "t-09", 6, "0.02"), tenant("hub-c", "t-10", 9, "0.03"),
				tenant("hub-a", "t-11", 1, "0.00"), tenant("hub-c", "t-12", 2, "100.0")));

		// when
		String html = SummaryPage.render(data("EUR", METERS, DAYS, tenants, List.of(), Map.of()));

		// then the ten largest, then the other two summed in one row, then all of them
		HtmlTable table = HtmlTable.parse(html, "unregistered-tenants");
		assertThat(table.bodyValues("hub", "tenantId", "cost")).containsExactly(List.of("hub-c", "t-12", "100.0"),
				List.of("hub-a", "t-07", "12"), List.of("hub-a", "t-03", "9.99"), List.of("hub-a", "", "2.00"),
				List.of("hub-a", "t-05", "2.00"), List.of("hub-b", "t-01", "2.00"), List.of("hub-c", "t-06", "0.50"),
				List.of("hub-c", "t-10", "0.03"), List.of("hub-b", "t-09", "0.02"), List.of("hub-b", "t-08", "0.01"),
				Arrays.asList(null, "2 other tenants", "0.00"));
		assertThat(table.footer()).containsExactly(Map.of("tenantId", "All unregistered tenants", "records", "948",
				"cost", "128.55"));
		assertThat(html).contains("the 10 largest of 12 by cost",
				"<td class=\"id unknown\" data-col=\"tenantId\"></td>", "content: \"(unknown tenant)\"");
	}

	@Test
	void topTenUnregisteredTenantsByRecordsWhenUnpriced() {
		// when
		String html = SummaryPage.render(data(null, METERS, DAYS, tenants(12, false), List.of(), Map.of()));

		// then
		HtmlTable table = HtmlTable.parse(html, "unregistered-tenants");
		assertThat(table.bodyValues("tenantId", "records")).hasSize(11)
			.startsWith(List.of("t-12", "12"), List.of("t-11", "11"))
			.endsWith(List.of("t-03", "3"), List.of("2 other tenants", "3"));
		assertThat(html).contains("the 10 largest of 12 by records");
	}

	@Test
	void controlTotalsPerHubAndForAllAndWhetherTheyBalance() {
		// given
		ControlTotals unbalanced = new ControlTotals(5, 1, 1, 1, 1, 0);

		// when
		String html = SummaryPage.render(data("EUR", METERS, DAYS, List.of(), List.of(),
				Map.of("hub-b", unbalanced, "hub-a", BALANCED)));

		// then
		HtmlTable table = HtmlTable.parse(html, "control-totals");
		List<String> columns = List.of("hub", "inputRecords", "chargedRecords", "defaultRecords", "rejectedRecords",
				"duplicateRecords", "outOfRangeRecords", "balances");
		assertThat(table.bodyValues(columns.toArray(String[]::new))).containsExactly(
				List.of("hub-a", "10", "6", "2", "1", "1", "0", "yes"),
				List.of("hub-b", "5", "1", "1", "1", "1", "0", "no"));
		assertThat(table.footer()).containsExactly(Map.of("hub", "All hubs", "inputRecords", "10", "chargedRecords",
				"6", "defaultRecords", "2", "rejectedRecords", "1", "duplicateRecords", "1", "outOfRangeRecords", "0",
				"balances", "yes"));
		assertThat(html).contains("<tr class=\"unbalanced\"><td data-col=\"hub\">hub-b</td>",
				"title=\"input minus accounted: 1\">no</td>");
	}

	@Test
	void emptyRunSaysSo() {
		// when
		String html = SummaryPage.render(data("EUR", List.of(), List.of(), List.of(), List.of(), Map.of()));

		// then
		assertThat(html).contains("Nothing was charged in this period.", "No usage in this period.",
				"No usage fell to a default subscription.")
			.doesNotContain("<svg");
		assertThat(HtmlTable.parse(html, "meter-totals").body()).isEmpty();
	}

	@Test
	void writesUtf8WithoutByteOrderMark(@TempDir Path dir) throws IOException {
		// given
		Path file = dir.resolve("summary.html");

		// when
		SummaryPage.write(file, data("EUR", METERS, DAYS, List.of(), List.of("Café € ü"), Map.of()));

		// then
		byte[] bytes = Files.readAllBytes(file);
		assertThat(new String(bytes, 0, 15, StandardCharsets.US_ASCII)).isEqualTo("<!DOCTYPE html>");
		assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("<li>Café € ü</li>");
	}

	@Test
	void headlineSplitsBillableFromDefaultCostAndNamesUnpricedUsage() {
		// when
		String html = SummaryPage.render(data("EUR", METERS, DAYS, tenants(3, true), List.of(), Map.of()));

		// then customer and default subscriptions add up to the total, the rounding row with its subscription
		assertThat(figure(html, "total-cost")).isEqualTo("1.9600025");
		assertThat(figure(html, "billable-cost")).isEqualTo("1.20");
		assertThat(figure(html, "default-cost")).isEqualTo("0.7600025");
		assertThat(figure(html, "unpriced")).isEqualTo("1");
		assertThat(html).contains("24 IP addresses: in no cost; see missing-prices.csv",
				"first publication of this range");
		// above every table
		assertThat(html.indexOf("id=\"headline\"")).isLessThan(html.indexOf("<table"));
	}

	@Test
	void restatedRunSaysWhatItReplacesAndByHowMuch() {
		// when
		String html = SummaryPage.render(data("EUR", METERS, DAYS, List.of(), List.of(), Map.of())
			.withPrevious(new SummaryPage.Previous(3, 2, new BigDecimal("-1234.50")))
			.withRateCard(new SummaryPage.RateCardId("rate-card.csv", "ab".repeat(32))));

		// then
		assertThat(html).contains("<dd id=\"rate-card\">rate-card.csv</dd>",
				"<dd id=\"rate-card-sha256\">" + "ab".repeat(32) + "</dd>",
				"This run restates run 3 of this range, published before it: 2 subscription(s) changed, the total "
						+ "cost by -1\u202f234.50 EUR.",
				"Change against run 3");
		assertThat(figure(html, "change")).isEqualTo("-1234.50");
	}

	@Test
	void topSubscriptionsByCostWithTheRestInOneRow() {
		// given 25 subscriptions, the n-th costing n
		List<MeterTotal> meters = new ArrayList<>();
		for (int n = 1; n <= 25; n++) {
			meters.add(new MeterTotal(String.format("s-%02d", n), (n % 5 == 0) ? "DEFAULT" : "REGISTERED", VM,
					"Base VM Size Hours", "Virtual core hours", BigDecimal.valueOf(n), BigDecimal.valueOf(n), n));
		}

		// when
		String html = SummaryPage.render(data("EUR", meters, DAYS, List.of(), List.of(), Map.of()));

		// then the 20 largest, then the 5 smallest summed; every one in the details, by cost too
		HtmlTable top = HtmlTable.parse(html, "top-subscriptions");
		assertThat(top.bodyValues("chargedSubscriptionId", "cost")).hasSize(21)
			.startsWith(List.of("s-25", "25"), List.of("s-24", "24"))
			.endsWith(List.of("s-06", "6"), List.of("5 other subscriptions", "15"));
		assertThat(top.body().get(0)).containsEntry("share", "7.7\u00a0%");
		assertThat(top.footer().get(0)).containsEntry("cost", "325").containsEntry("records", "325");
		assertThat(HtmlTable.parse(html, "subscription-totals").body()).hasSize(25);
		assertThat(figure(html, "billable-cost")).isEqualTo("250");
		assertThat(figure(html, "default-cost")).isEqualTo("75");
	}

	@Test
	void quantitiesAreAddedUpPerUnitOnly() {
		// when
		String html = SummaryPage.render(data("EUR", METERS, DAYS, List.of(), List.of(), Map.of()));

		// then
		assertThat(HtmlTable.parse(html, "unit-totals").bodyValues("unit", "meters", "quantity", "cost",
				"unpricedQuantity"))
			.containsExactly(List.of("IP addresses", "1", "25.5", "0.75", "24"),
					List.of("Virtual core hours", "1", "48.00001", "1.2000025", "0"));
		assertThat(html).doesNotContain("all meters");
	}

	@Test
	void fullTablesComeLastFolded() {
		// when
		String html = SummaryPage.render(data("EUR", METERS, DAYS, tenants(3, true), List.of(), Map.of()));

		// then
		assertThat(html.indexOf("id=\"top-subscriptions\"")).isLessThan(html.indexOf("id=\"unregistered-tenants\""));
		assertThat(html.indexOf("id=\"unregistered-tenants\"")).isLessThan(html.indexOf("id=\"unit-totals\""));
		assertThat(html.indexOf("id=\"control-totals\"")).isLessThan(html.indexOf("<details"));
		for (String table : List.of("subscription-totals", "meter-totals", "day-totals")) {
			assertThat(html.lastIndexOf("<details", html.indexOf("id=\"" + table + "\"")))
				.as(table)
				.isGreaterThan(html.lastIndexOf("</details>", html.indexOf("id=\"" + table + "\"")));
		}
		assertThat(html).doesNotContain("<details open");
	}

	@Test
	void displayNamesGetAColumnOnlyWhenThereAreAny() {
		// when
		String without = SummaryPage.render(data("EUR", METERS, DAYS, List.of(), List.of(), Map.of()));
		String with = SummaryPage.render(data("EUR", METERS, DAYS, List.of(), List.of(), Map.of())
			.withNames(Map.of(CONTOSO, "Contoso <Prod>")));

		// then
		assertThat(without).doesNotContain("data-col=\"name\"");
		assertThat(HtmlTable.parse(with, "top-subscriptions").bodyValues("name", "chargedSubscriptionId"))
			.containsExactly(List.of("Contoso <Prod>", CONTOSO), List.of("", DEFAULT));
	}

	@Test
	void groupsDigitsByThreesInEveryLocale() {
		assertThat(SummaryPage.grouped("370219635.45")).isEqualTo("370\u202f219\u202f635.45");
		assertThat(SummaryPage.grouped("-1234")).isEqualTo("-1\u202f234");
		assertThat(SummaryPage.grouped("+999.0001")).isEqualTo("+999.0001");
		assertThat(SummaryPage.grouped("0.00001")).isEqualTo("0.00001");
		assertThat(SummaryPage.grouped("")).isEmpty();
		assertThat(SummaryPage.grouped("n/a")).isEqualTo("n/a");
	}

	@Test
	void reconciliationSectionCountsEveryReasonAndFoldsTheLargestDifferences() {
		// given 25 differences, more than the page lists
		List<SummaryPage.ReconciledRow> largest = new ArrayList<>();
		for (int i = 25; i > 25 - SummaryPage.TOP_DIFFERENCES; i--) {
			largest.add(new SummaryPage.ReconciledRow(LocalDate.of(2026, 11, 16), CONTOSO, "", "Base VM Size Hours",
					"QUANTITY_DIFFERENCE", BigDecimal.valueOf(100), BigDecimal.valueOf(100 + i)));
		}
		Map<String, Long> counts = new LinkedHashMap<>();
		counts.put("QUANTITY_DIFFERENCE", 25L);
		counts.put("NOT_BILLED_YET", 4L);
		counts.put("MATCHED", 1200L);
		Data data = data("USD", METERS, DAYS, List.of(), List.of(), Map.of("hub-a", BALANCED))
			.withReconciliation(new SummaryPage.Reconciled(counts, 25, largest, LocalDate.of(2026, 11, 17)));

		// when
		String html = SummaryPage.render(data);

		// then
		assertThat(HtmlTable.parse(html, "reconciliation-reasons").bodyValues("difference", "rows")).containsExactly(
				List.of("QUANTITY_DIFFERENCE", "25"), List.of("NOT_BILLED_YET", "4"),
				List.of("MATCHED", "1\u202F200"));
		assertThat(HtmlTable.text(html)).contains("25 rows of 1\u202F229 differ from what Microsoft billed")
			.contains("Partner Center's files end on 2026-11-17: usage of later days is not billed yet")
			.contains("The 20 largest differences of 25");
		assertThat(HtmlTable.parse(html, "reconciliation-differences").body()).hasSize(SummaryPage.TOP_DIFFERENCES)
			.first()
			.satisfies((row) -> assertThat(row).containsEntry("quantityDifference", "-25"));
		// a run that does not reconcile has no section
		assertThat(SummaryPage.render(data.withReconciliation(null))).doesNotContain("id=\"reconciliation");
	}

	/**
	 * The plain value of a headline figure.
	 */
	static String figure(String html, String id) {
		Matcher figure = Pattern.compile("<div class=\"figure\" id=\"" + id
				+ "\"><div class=\"label\">[^<]*</div><div class=\"value[^\"]*\" data-value=\"([^\"]*)\"")
			.matcher(html);
		assertThat(figure.find()).as("figure " + id).isTrue();
		return figure.group(1);
	}

	static Data data(String currency, List<MeterTotal> meters, List<DayTotal> days, List<UnregisteredTenant> tenants,
			List<String> warnings, Map<String, ControlTotals> byHub) {
		return new Data(LocalDate.of(2026, 11, 16), LocalDate.of(2026, 11, 18), 42, currency, meters, days, tenants,
				BALANCED, byHub, warnings);
	}

	static UnregisteredTenant tenant(String hub, String tenantId, long records, String cost) {
		String reason = tenantId.isEmpty() ? "SUBSCRIPTION_WITHOUT_TENANT" : "TENANT_NOT_REGISTERED";
		return new UnregisteredTenant(hub, tenantId, reason, DEFAULT, (cost != null) ? new BigDecimal(cost) : null,
				records);
	}

	/**
	 * Tenants t-01 … t-n on hub-a, i records, cost i/10 if priced.
	 */
	static List<UnregisteredTenant> tenants(int n, boolean priced) {
		List<UnregisteredTenant> tenants = new ArrayList<>();
		for (int i = 1; i <= n; i++) {
			tenants.add(tenant("hub-a", String.format("t-%02d", i), i, priced ? i + ".0" : null));
		}
		return tenants;
	}

	/**
	 * The chart's bars: "day value" each, in order.
	 */
	static List<String> bars(String html) {
		return Pattern.compile("<rect class=\"bar\" data-day=\"([^\"]*)\"(?: data-value=\"([^\"]*)\")?")
			.matcher(html)
			.results()
			.map((bar) -> bar.group(1) + " " + bar.group(2))
			.toList();
	}

}
