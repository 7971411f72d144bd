package org.hubchargeback.hubapi;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import tools.jackson.databind.JsonNode;

/**
 * A fetched window as a canonical export: the columns the usage reader reads, values as the API gave them (ISO-8601
 * times, the quantity's digits, {@code instanceData} as its JSON string), so that the loading path charges it and the
 * manifest hashes it like any export. Inputs are not neutralised against CSV injection: they are read back by the job,
 * never opened by a person, and must keep the hub's values.
 */
final class UsageWindowFile {

	static final List<String> HEADER = List.of("UsageStartTime", "UsageEndTime", "SubscriptionId", "MeterId",
			"Quantity", "InstanceData");

	private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();

	private final StringWriter text = new StringWriter();

	private final CSVPrinter printer;

	private long records;

	UsageWindowFile() {
		try {
			this.printer = new CSVPrinter(this.text, FORMAT);
			this.printer.printRecord(HEADER);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String name(String hub, LocalDate reportedDay) {
		return "usage-api_" + hub + "_reported_" + reportedDay + ".csv";
	}

	void add(JsonNode aggregate) {
		JsonNode p = aggregate.path("properties");
		JsonNode quantity = p.path("quantity");
		try {
			this.printer.printRecord(p.path("usageStartTime").asString(""), p.path("usageEndTime").asString(""),
					p.path("subscriptionId").asString(""), p.path("meterId").asString(""),
					quantity.isNumber() ? quantity.decimalValue().toPlainString() : quantity.asString(""),
					p.path("instanceData").asString(""));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.records++;
	}

	long records() {
		return this.records;
	}

	byte[] bytes() {
		return this.text.toString().getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Puts the window's file in place whole (written beside it, then moved): a crash leaves no partial export.
	 * @return false when the file is there already with the same bytes
	 * @throws HubApiException when it is there with other bytes: the hub now answers otherwise for a window the job
	 * may have charged
	 */
	boolean keep(Path file) {
		byte[] bytes = bytes();
		try {
			if (Files.exists(file)) {
				if (Arrays.equals(Files.readAllBytes(file), bytes)) {
					return false;
				}
				throw new HubApiException(file + " holds other usage than the hub reports for that window now;"
						+ " nothing replaced. If no run charged it, move it away and fetch again; if one did, keep it"
						+ " and tell the hub's operator", null);
			}
			Files.createDirectories(file.getParent());
			// not *.csv: a run that lists the folder meanwhile does not read a half-written window
			Path part = file.resolveSibling("." + file.getFileName() + ".part");
			Files.write(part, bytes);
			Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
			return true;
		}
		catch (IOException ex) {
			throw new HubApiException("cannot write " + file + ": " + ex.getMessage(), ex);
		}
	}

}
