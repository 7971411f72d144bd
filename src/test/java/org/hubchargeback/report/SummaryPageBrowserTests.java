package org.hubchargeback.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hubchargeback.HeadlessChromium;
import org.hubchargeback.HtmlTable;
import org.hubchargeback.csv.CsvDialect;
import org.hubchargeback.report.SummaryPage.Data;
import org.hubchargeback.report.SummaryPage.DayTotal;
import org.hubchargeback.report.SummaryPage.MeterTotal;
import org.hubchargeback.report.SummaryPage.UnregisteredTenant;
import org.hubchargeback.run.ControlTotals;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code summary.html} as chromium renders it, read back from the DOM and compared with the data it was made of. The
 * pages and a screenshot of the priced one are left in {@code target/browser/} to look at.
 */
class SummaryPageBrowserTests {

	static final Path OUTPUT = Path.of("target", "browser");

	static final LocalDate FROM = LocalDate.of(2026, 11, 1);

	static final LocalDate TO = LocalDate.of(2026, 11, 30);

	@BeforeEach
	void chromium() {
		HeadlessChromium.assumeInstalled();
	}

	@Test
	void pricedPageShowsTheDataInChromium() throws IOException {
		// given
		Data data = realistic("EUR");
		Path html = OUTPUT.resolve("summary.html");
		Files.createDirectories(OUTPUT);
		SummaryPage.write(html, data);

		// when
		String dom = HeadlessChromium.dumpDom(html);
		HeadlessChromium.screenshot(html, OUTPUT.resolve("summary.png"), 1024, layout(html).get("height"));

		// then
		assertThat(dom).contains("<h1>Chargeback 2026-11-01 to 2026-11-30</h1>", "<dd id=\"run-id\">7</dd>",
				"<dd id=\"currency\">EUR</dd>", "<dd id=\"rate-card\">rate-card-2026-11.csv</dd>",
				"This run restates run 6 of this range",
				"<li>Rate card 2026-11 has no price for TableTransactions");
		assertThat(ungrouped(HtmlTable.parse(dom, "meter-totals").bodyValues("chargedSubscriptionId", "reason",
				"meterId", "meterName", "unit", "quantity", "records", "cost")))
			.isEqualTo(data.meterTotals()
				.stream()
				.map((m) -> List.of(m.chargedSubscriptionId(), m.reason(), m.meterId(), m.meterName(), m.unit(),
						CsvDialect.quantity(m.quantity()), Long.toString(m.records()), plain(m.cost())))
				.toList());
		assertThat(ungrouped(HtmlTable.parse(dom, "subscription-totals").bodyValues("chargedSubscriptionId",
				"records", "cost")))
			.isEqualTo(subscriptionTotals(data));
		assertThat(ungrouped(HtmlTable.parse(dom, "top-subscriptions").bodyValues("chargedSubscriptionId",
				"records", "cost")))
			.isEqualTo(subscriptionTotals(data));
		assertThat(ungrouped(HtmlTable.parse(dom, "day-totals").bodyValues("day", "records", "cost")))
			.isEqualTo(data.days()
				.stream()
				.map((d) -> List.of(d.day().toString(), Long.toString(d.records()), plain(d.cost())))
				.toList());
		assertThat(ungrouped(HtmlTable.parse(dom, "unregistered-tenants").bodyValues("hub", "tenantId",
				"defaultReason", "defaultSubscriptionId", "records", "cost")).subList(0, 10))
			.isEqualTo(data.unregisteredTenants()
				.stream()
				.sorted(Comparator.comparing(UnregisteredTenant::cost, Comparator.reverseOrder())
					.thenComparing(UnregisteredTenant::hub)
					.thenComparing(UnregisteredTenant::tenantId))
				.limit(10)
				.map((t) -> List.of(t.hub(), t.tenantId(), t.defaultReason(), t.defaultSubscriptionId(),
						Long.toString(t.records()), plain(t.cost())))
				.toList());
		HtmlTable controls = HtmlTable.parse(dom, "control-totals");
		assertThat(ungrouped(controls.bodyValues("hub", "inputRecords", "chargedRecords", "defaultRecords",
				"rejectedRecords", "duplicateRecords", "outOfRangeRecords", "balances")))
			.isEqualTo(data.controlTotalsByHub()
				.entrySet()
				.stream()
				.map((hub) -> controlTotals(hub.getKey(), hub.getValue()))
				.toList());
		assertThat(ungrouped(List.of(List.copyOf(controls.footer().get(0).values()))))
			.containsExactly(controlTotals("All hubs", data.controlTotals()));
		// one bar per day, in day order, carrying the day's cost
		assertThat(Pattern.compile("<rect class=\"bar\" data-day=\"([^\"]*)\" data-value=\"([^\"]*)\"[^>]*><title>")
			.matcher(dom)
			.results()
			.map((bar) -> bar.group(1) + " " + bar.group(2))
			.toList()).isEqualTo(data.days().stream().map((d) -> d.day() + " " + d.cost().toPlainString()).toList());
		assertThat(OUTPUT.resolve("summary.png")).isRegularFile().satisfies((png) -> assertThat(Files.size(png))
			.isGreaterThan(10 * 1024));
	}

	@Test
	void unpricedPageShowsRecordsAndQuantitiesPerUnitInChromium() throws IOException {
		// given
		Data data = realistic(null);
		Path html = OUTPUT.resolve("summary-unpriced.html");
		Files.createDirectories(OUTPUT);
		SummaryPage.write(html, data);

		// when
		String dom = HeadlessChromium.dumpDom(html);

		// then
		assertThat(dom).doesNotContain("data-col=\"cost\"", "EUR");
		assertThat(ungrouped(HtmlTable.parse(dom, "unregistered-tenants").bodyValues("tenantId", "records"))
			.subList(0, 10))
			.isEqualTo(data.unregisteredTenants()
				.stream()
				.sorted(Comparator.comparingLong(UnregisteredTenant::records)
					.reversed()
					.thenComparing(UnregisteredTenant::hub)
					.thenComparing(UnregisteredTenant::tenantId))
				.limit(10)
				.map((t) -> List.of(t.tenantId(), Long.toString(t.records())))
				.toList());
		assertThat(HtmlTable.parse(dom, "unit-totals").bodyValues("unit")).containsExactly(List.of("GB*hours"),
				List.of("IP addresses"), List.of("Request count in 10,000s"), List.of("Virtual core hours"));
		assertThat(Pattern.compile("<rect class=\"bar\" data-day=\"[^\"]*\" data-value=\"([^\"]*)\"")
			.matcher(dom)
			.results()
			.map((bar) -> bar.group(1))
			.toList()).isEqualTo(data.days().stream().map((d) -> Long.toString(d.records())).toList());
	}

	@Test
	void largeRunFitsAShortPageAt1024PixelsInChromium() throws IOException {
		// given a month of 123 subscriptions of 13 meters each and 30 unregistered tenants on three hubs
		Data data = large();
		Path html = OUTPUT.resolve("summary-large.html");
		Files.createDirectories(OUTPUT);
		SummaryPage.write(html, data);

		// when
		Map<String, Integer> layout = layout(html);
		String dom = HeadlessChromium.dumpDom(html);
		HeadlessChromium.screenshot(html, OUTPUT.resolve("summary-large.png"), 1024, layout.get("height"));

		// then short (the full tables are folded), nothing wider than the window, the headline first, the
		// unregistered tenants before the details
		assertThat(layout).containsEntry("width", 1024).containsEntry("overflowing", 0);
		assertThat(layout.get("pageWidth")).isLessThanOrEqualTo(1024);
		assertThat(layout.get("height")).isBetween(1000, 4000);
		assertThat(layout.get("headline")).isLessThan(layout.get("top"));
		assertThat(layout.get("top")).isLessThan(layout.get("tenants"));
		assertThat(layout.get("tenants")).isLessThan(layout.get("details"));
		assertThat(Files.size(html)).isLessThan(1024 * 1024);
		// the largest first, the rest in one row, and the totals of all
		List<List<String>> top = ungrouped(HtmlTable.parse(dom, "top-subscriptions").bodyValues("cost"));
		assertThat(top).hasSize(SummaryPage.TOP_SUBSCRIPTIONS + 1);
		assertThat(decimals(top.subList(0, SummaryPage.TOP_SUBSCRIPTIONS)))
			.isSortedAccordingTo(Comparator.reverseOrder());
		List<List<String>> tenants = ungrouped(HtmlTable.parse(dom, "unregistered-tenants").bodyValues("cost"));
		assertThat(tenants).hasSize(SummaryPage.TOP_TENANTS + 1);
		assertThat(decimals(tenants.subList(0, SummaryPage.TOP_TENANTS)))
			.isSortedAccordingTo(Comparator.reverseOrder());
		BigDecimal all = data.meterTotals()
			.stream()
			.map(MeterTotal::cost)
			.filter((cost) -> cost != null)
			.reduce(BigDecimal.ZERO, BigDecimal::add);
		assertThat(new BigDecimal(ungrouped(List.of(List.of(HtmlTable.parse(dom, "top-subscriptions")
			.footer()
			.get(0)
			.get("cost")))).get(0).get(0))).isEqualByComparingTo(all);
		assertThat(HtmlTable.parse(dom, "meter-totals").body()).hasSize(data.meterTotals().size());
	}

	/**
	 * The page's layout as chromium lays it out 1024 pixels wide, measured by a script added to a copy of the page
	 * (the page itself allows no script): window and page width, page height, the top of its sections, and how many
	 * headline figures and tables outside the details are wider than their box.
	 */
	static Map<String, Integer> layout(Path html) throws IOException {
		String page = Files.readString(html).replaceFirst("<meta http-equiv=\"Content-Security-Policy\"[^>]*>", "");
		String script = """
				<script>
				{
				const at = (id) => Math.round(document.getElementById(id).getBoundingClientRect().top + scrollY);
				const overflowing = [...document.querySelectorAll('.scroll, .figure')]
					.filter((box) => !box.closest('details') && box.scrollWidth > box.clientWidth).length;
				const pre = document.createElement('pre');
				pre.id = 'layout';
				pre.textContent = 'width=' + innerWidth + ';pageWidth=' + document.documentElement.scrollWidth
					+ ';height=' + document.documentElement.scrollHeight + ';headline=' + at('headline')
					+ ';top=' + at('top-subscriptions') + ';tenants=' + at('unregistered-tenants')
					+ ';details=' + at('details') + ';overflowing=' + overflowing;
				document.body.appendChild(pre);
				}
				</script>
				""";
		Path probe = html.resolveSibling(html.getFileName() + ".layout.html");
		Files.writeString(probe, page.replace("</body>", script + "</body>"));
		Matcher layout = Pattern.compile("<pre id=\"layout\">([^<]*)</pre>")
			.matcher(HeadlessChromium.dumpDom(probe, 1024, 768));
		assertThat(layout.find()).as("the layout probe ran").isTrue();
		Map<String, Integer> values = new LinkedHashMap<>();
		for (String pair : layout.group(1).split(";")) {
			String[] nameAndValue = pair.split("=");
			values.put(nameAndValue[0], Integer.valueOf(nameAndValue[1]));
		}
		return values;
	}

	/**
	 * A month as issue 17 measured it: 123 charged subscriptions (every fifth a default one) of 13 meters each, a
	 * rounding row each, 30 unregistered tenants, three hubs.
	 */
	static Data large() {
		String[] units = { "Virtual core hours", "GB*hours", "IP addresses", "Request count in 10,000s" };
		List<MeterTotal> meterTotals = new ArrayList<>();
		for (int s = 0; s < 123; s++) {
			String subscription = String.format("%08x-1111-4111-8111-%012x", 0x3a000000 + s * 104729, s);
			String reason = (s % 5 == 0) ? "DEFAULT" : "REGISTERED";
			for (int m = 0; m < 13; m++) {
				BigDecimal quantity = new BigDecimal((s * 7919 + m * 104723) % 900_000 + 1).movePointLeft(2);
				BigDecimal cost = (m == 12) ? null
						: quantity.multiply(new BigDecimal("0.0" + (m + 1) * 7)).setScale(2, RoundingMode.HALF_EVEN);
				meterTotals.add(new MeterTotal(subscription, reason, String.format("%08x-2222-4222-8222-%012x", m, m),
						"Meter " + m, units[m % units.length], quantity, cost, 720L * (m + 1)));
			}
			meterTotals.add(new MeterTotal(subscription, "ROUNDING", "", "", "", BigDecimal.ZERO,
					new BigDecimal("0.0" + s % 3), 0));
		}
		List<DayTotal> days = new ArrayList<>();
		for (LocalDate day = FROM; !day.isAfter(TO); day = day.plusDays(1)) {
			days.add(new DayTotal(day, 40_000 + day.getDayOfMonth() * 113,
					new BigDecimal(12_000_000 + day.getDayOfMonth() * 40_123).movePointLeft(2)));
		}
		String[] hubs = { "hub-east", "hub-north", "hub-west" };
		List<UnregisteredTenant> tenants = new ArrayList<>();
		for (int t = 0; t < 30; t++) {
			tenants.add(new UnregisteredTenant(hubs[t % 3], String.format("%08x-0000-4000-8000-%012x", t * 7919, t),
					"TENANT_NOT_REGISTERED", meterTotals.get(0).chargedSubscriptionId(),
					new BigDecimal((t * 7 % 31 + 1) * 10_007).movePointLeft(2), t * 100 + 1));
		}
		Map<String, ControlTotals> byHub = Map.of("hub-east", new ControlTotals(600_000, 590_000, 9_000, 500, 500, 0),
				"hub-north", new ControlTotals(300_000, 295_000, 5_000, 0, 0, 0), "hub-west",
				new ControlTotals(300_000, 290_000, 10_000, 0, 0, 0));
		return new Data(FROM, TO, 4, "USD", meterTotals, days, tenants,
				new ControlTotals(1_200_000, 1_175_000, 24_000, 500, 500, 0), byHub,
				List.of("1230 chargeback row(s) of 1 meter(s) have no price in the rate card: see missing-prices.csv"))
			.withRateCard(new SummaryPage.RateCardId("rate-card.csv", "3f".repeat(32)))
			.withPrevious(new SummaryPage.Previous(3, 17, new BigDecimal("1234.56")));
	}

	/**
	 * Table values as the CSV files print them: without the page's digit grouping.
	 */
	static List<List<String>> ungrouped(List<List<String>> rows) {
		return rows.stream()
			.map((row) -> row.stream().map((value) -> (value != null) ? value.replace("\u202f", "") : null).toList())
			.toList();
	}

	static List<BigDecimal> decimals(List<List<String>> rows) {
		return rows.stream().map((row) -> new BigDecimal(row.get(0))).toList();
	}

	/**
	 * A month on three hubs: customers and default subscriptions, one meter without a price, a rounding row per
	 * subscription, fourteen unregistered tenants (one unknown) and a stale registration snapshot. Unpriced when
	 * {@code currency} is null.
	 */
	static Data realistic(String currency) {
		boolean priced = currency != null;
		String[][] meters = { { "fab6eb84-500b-4a09-a8ca-7358f8bbaea5", "Base VM Size Hours", "Virtual core hours",
				"0.0125" },
				{ "9cd92d4c-bafd-4492-b278-bedc2de8232a", "Windows VM Size Hours", "Virtual core hours", "0.0310" },
				{ "f271a8a3-88c4-4d93-956a-063e1d2fa80b", "Static IP Address Usage", "IP addresses", "0.0040" },
				{ "09f8879e-87e9-4305-a572-4b7be209f857", "BlockBlobCapacity", "GB*hours", "0.000028" },
				{ "b9ff3cd0-28aa-4762-84bb-ff8fbaea6a90", "TableTransactions", "Request count in 10,000s", null } };
		String[][] subscriptions = { { "ABCDEF01-2345-4678-9ABC-DEF012345678", "REGISTERED" },
				{ "c2c2c2c2-0000-4000-8000-00000000c0c2", "REGISTERED" },
				{ "3f2504e0-4f89-41d3-9a0c-0305e82c3301", "REGISTERED" },
				{ "7d444840-9dc0-11d1-b245-5ffdce74fad2", "REGISTERED" },
				{ "11111111-1111-4111-8111-111111111111", "DEFAULT" },
				{ "22222222-2222-4222-8222-222222222222", "DEFAULT" } };
		List<MeterTotal> meterTotals = new ArrayList<>();
		for (int s = 0; s < subscriptions.length; s++) {
			BigDecimal exact = BigDecimal.ZERO;
			BigDecimal rounded = BigDecimal.ZERO;
			for (int m = 0; m < meters.length; m++) {
				if ((s + m) % 4 == 3) {
					continue;
				}
				BigDecimal quantity = new BigDecimal((s + 1) * 1000 + m * 37).multiply(new BigDecimal("1.0416666"));
				BigDecimal cost = null;
				if (priced && meters[m][3] != null) {
					BigDecimal amount = quantity.multiply(new BigDecimal(meters[m][3]));
					cost = amount.setScale(2, RoundingMode.HALF_EVEN);
					exact = exact.add(amount);
					rounded = rounded.add(cost);
				}
				meterTotals.add(new MeterTotal(subscriptions[s][0], subscriptions[s][1], meters[m][0], meters[m][1],
						meters[m][2], quantity, cost, 24L * 30 * (s + 1) + m));
			}
			BigDecimal residual = exact.setScale(2, RoundingMode.HALF_EVEN).subtract(rounded);
			if (priced && residual.signum() != 0) {
				meterTotals.add(
						new MeterTotal(subscriptions[s][0], "ROUNDING", "", "", "", BigDecimal.ZERO, residual, 0));
			}
		}
		List<DayTotal> days = new ArrayList<>();
		for (LocalDate day = FROM; !day.isAfter(TO); day = day.plusDays(1)) {
			int weekday = day.getDayOfWeek().getValue();
			long records = 2400 + day.getDayOfMonth() * 13 - ((weekday > 5) ? 900 : 0);
			days.add(new DayTotal(day, records, priced
					? BigDecimal.valueOf(records).multiply(new BigDecimal("0.0173")).setScale(2, RoundingMode.HALF_EVEN)
					: null));
		}
		String[] hubs = { "hub-east", "hub-north", "hub-west" };
		List<UnregisteredTenant> tenants = new ArrayList<>();
		for (int t = 0; t < 14; t++) {
			String tenantId = (t == 4) ? "" : String.format("%08x-0000-4000-8000-%012x", 0x7e000000 + t * 7919, t);
			BigDecimal quantity = new BigDecimal((t * 7 % 11 + 1) * 97).add(new BigDecimal("0.5"));
			tenants.add(new UnregisteredTenant(hubs[t % 3], tenantId,
					tenantId.isEmpty() ? "SUBSCRIPTION_WITHOUT_TENANT" : "TENANT_NOT_REGISTERED",
					subscriptions[4 + t % 2][0],
					priced ? quantity.multiply(new BigDecimal("0.0125")).setScale(2, RoundingMode.HALF_EVEN) : null,
					t * 3 + 1));
		}
		Map<String, ControlTotals> byHub = new TreeMap<>(Map.of("hub-east", new ControlTotals(41230, 39800, 1200, 30,
				200, 0), "hub-north", new ControlTotals(8800, 8000, 790, 10, 0, 0), "hub-west",
				new ControlTotals(23011, 22100, 800, 11, 0, 100)));
		ControlTotals all = new ControlTotals(73041, 69900, 2790, 51, 200, 100);
		List<String> warnings = new ArrayList<>(List.of("hub-north was charged with the registration snapshot of "
				+ "2026-11-28T02:00:00Z: the registration could not be read on 2026-12-01"));
		if (priced) {
			warnings.add("Rate card 2026-11 has no price for TableTransactions (b9ff3cd0-28aa-4762-84bb-ff8fbaea6a90):"
					+ " its rows are unpriced");
		}
		warnings.add("51 records were rejected: see rejected-records.csv");
		Data data = new Data(FROM, TO, 7, currency, meterTotals, days, tenants, all, byHub, warnings);
		return priced ? data.withRateCard(new SummaryPage.RateCardId("rate-card-2026-11.csv", "9c".repeat(32)))
			.withPrevious(new SummaryPage.Previous(6, 2, new BigDecimal("25.10"))) : data;
	}

	/**
	 * Records and cost per subscription, the largest cost first.
	 */
	static List<List<String>> subscriptionTotals(Data data) {
		Map<String, long[]> records = new LinkedHashMap<>();
		Map<String, BigDecimal> costs = new LinkedHashMap<>();
		for (MeterTotal m : data.meterTotals()) {
			records.computeIfAbsent(m.chargedSubscriptionId(), (id) -> new long[1])[0] += m.records();
			costs.merge(m.chargedSubscriptionId(), (m.cost() != null) ? m.cost() : BigDecimal.ZERO, BigDecimal::add);
		}
		return records.keySet()
			.stream()
			.sorted(Comparator.comparing(costs::get, Comparator.reverseOrder()))
			.map((id) -> List.of(id, Long.toString(records.get(id)[0]), costs.get(id).toPlainString()))
			.toList();
	}

	static List<String> controlTotals(String hub, ControlTotals totals) {
		return List.copyOf(controlTotalsMap(hub, totals).values());
	}

	static Map<String, String> controlTotalsMap(String hub, ControlTotals totals) {
		Map<String, String> row = new LinkedHashMap<>();
		row.put("hub", hub);
		totals.toMap().forEach((name, count) -> row.put(name, count.toString()));
		row.put("balances", totals.balances() ? "yes" : "no");
		return row;
	}

	static String plain(BigDecimal cost) {
		return (cost != null) ? cost.toPlainString() : "";
	}

}
