package org.hubchargeback.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.hubchargeback.csv.CsvDialect;

/**
 * {@code missing-prices.csv}: usage the rate card has no price for, per meter and charged subscription. Those rows
 * carry empty prices and costs in the chargeback files (never zero); add the meter to the rate card and rerun the
 * range to price them. Written, header only, for every priced run: an empty report says that everything was priced.
 */
public final class MissingPricesReport {

	public static final List<String> HEADER = List.of("MeterId", "MeterName", "Unit", "ChargedSubscriptionId",
			"FirstUsageDate", "LastUsageDate", "ChargebackRows", "Quantity", "RecordCount");

	private final List<List<Object>> rows = new ArrayList<>();

	public void add(String meterId, String meterName, String unit, String chargedSubscriptionId, LocalDate first,
			LocalDate last, long chargebackRows, BigDecimal quantity, long records) {
		this.rows.add(List.of(meterId, meterName, unit, chargedSubscriptionId, first, last, chargebackRows,
				CsvDialect.quantity(quantity), records));
	}

	public void writeTo(Path file, boolean byteOrderMark) throws IOException {
		CsvDialect.write(file, byteOrderMark, HEADER, (printer) -> {
			for (List<Object> row : this.rows) {
				printer.printRecord(row);
			}
		});
	}

}
