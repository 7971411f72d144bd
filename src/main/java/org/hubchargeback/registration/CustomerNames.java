package org.hubchargeback.registration;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.hubchargeback.config.InvalidConfigurationException;
import org.hubchargeback.csv.CsvDialect;
import org.hubchargeback.usage.Guids;

/**
 * The optional customer names file ({@code hub-chargeback.names.customer-file}): which customer each charged Azure
 * subscription belongs to, and the customer's reference in the CSP's own books (an account or contract number). A CSV
 * with the columns {@code CustomerSubscriptionId,CustomerName,CustomerReference}, comma or semicolon separated; the
 * reference may be empty. Names are for people: a subscription not listed simply has none.
 */
public final class CustomerNames {

	public static final List<String> HEADER = List.of("CustomerSubscriptionId", "CustomerName", "CustomerReference");

	public static final CustomerNames NONE = new CustomerNames(Map.of());

	private final Map<String, Customer> bySubscription;

	private CustomerNames(Map<String, Customer> bySubscription) {
		this.bySubscription = Map.copyOf(bySubscription);
	}

	/**
	 * @param subscription a charged subscription, in any case
	 * @return its customer, or {@link Customer#NONE}
	 */
	public Customer of(String subscription) {
		return this.bySubscription.getOrDefault(subscription.toLowerCase(Locale.ROOT), Customer.NONE);
	}

	public int size() {
		return this.bySubscription.size();
	}

	/**
	 * Reads and checks the whole file.
	 * @throws InvalidConfigurationException naming the file and line of the first bad row
	 */
	public static CustomerNames read(Path file) {
		String where = "hub-chargeback.names.customer-file " + file;
		Map<String, Customer> customers = new HashMap<>();
		try {
			String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
			text = text.startsWith(CsvDialect.BYTE_ORDER_MARK) ? text.substring(1) : text;
			String header = text.lines().findFirst().orElse("");
			char delimiter = (header.indexOf(';') >= 0 && header.indexOf(',') < 0) ? ';' : ',';
			CSVFormat format = CSVFormat.RFC4180.builder()
				.setDelimiter(delimiter)
				.setHeader()
				.setSkipHeaderRecord(true)
				.setIgnoreSurroundingSpaces(true)
				.get();
			try (CSVParser parser = format.parse(new StringReader(text))) {
				if (!parser.getHeaderNames().equals(HEADER)) {
					throw new InvalidConfigurationException(where + ", line 1: the header is "
							+ parser.getHeaderNames() + ", expected " + String.join(",", HEADER));
				}
				for (CSVRecord row : parser) {
					// the header is line 1; a name with a line break in it would shift this, which names do not have
					add(customers, row, where + ", line " + (row.getRecordNumber() + 1));
				}
			}
		}
		catch (IOException | IllegalStateException | IllegalArgumentException ex) {
			if (ex instanceof InvalidConfigurationException invalid) {
				throw invalid;
			}
			throw new InvalidConfigurationException(where + ": cannot be read as CSV: " + ex.getMessage());
		}
		return new CustomerNames(customers);
	}

	private static void add(Map<String, Customer> customers, CSVRecord row, String where) {
		if (row.size() != HEADER.size()) {
			throw new InvalidConfigurationException(
					where + ": has " + row.size() + " values, expected " + HEADER.size() + " (" + HEADER + ")");
		}
		String subscription = row.get(0);
		if (!Guids.isGuid(subscription)) {
			throw new InvalidConfigurationException(where + ": CustomerSubscriptionId '" + subscription
					+ "' is not a subscription ID (a GUID, as the registration lists it)");
		}
		if (row.get(1).isBlank()) {
			throw new InvalidConfigurationException(where + ": subscription " + subscription + " has no CustomerName"
					+ " (leave a subscription out rather than list it without a name)");
		}
		Customer customer = new Customer(row.get(1), row.get(2));
		Customer previous = customers.putIfAbsent(subscription.toLowerCase(Locale.ROOT), customer);
		if (previous != null) {
			throw new InvalidConfigurationException(where + ": subscription " + subscription
					+ " is listed a second time (" + previous.name() + ", then " + customer.name() + ")");
		}
	}

	/**
	 * @param name the customer's name, empty when unknown
	 * @param reference the customer's reference in the CSP's books, empty when not given
	 */
	public record Customer(String name, String reference) {

		public static final Customer NONE = new Customer("", "");

		public Customer {
			name = name.strip();
			reference = reference.strip();
		}

	}

}
