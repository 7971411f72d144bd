package org.hubchargeback.registration;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.hubchargeback.config.DisplayPaths;
import org.hubchargeback.config.HubChargebackProperties.Hub;
import org.hubchargeback.registration.UserSubscriptions.SubscriptionName;
import org.hubchargeback.usage.Guids;
import org.hubchargeback.usage.JsonFields;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads saved registrations and user-subscription lists in the shapes Azure Resource Manager and the Azure Stack Hub
 * admin API return them.
 */
public final class RegistrationFiles {

	private static final Pattern REGISTRATION_RESOURCE_ID = Pattern.compile(
			"/?subscriptions/([^/]+)/resourceGroups/[^/]+/providers/Microsoft\\.AzureStack/registrations/[^/]+/?",
			Pattern.CASE_INSENSITIVE);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private RegistrationFiles() {
	}

	/**
	 * Reads {@code hub.registrationFile()}: the {@code customerSubscriptions} list JSON
	 * ({@code {"value":[{"name":"reg/<customerSubscriptionId>","properties":{"tenantId":...}}]}}).
	 */
	public static Registration readRegistration(Hub hub) {
		Path file = requireFile(hub);
		byte[] bytes = read(file, hub.name());
		return Registration.of(hub.name(), defaultSubscriptionOf(hub), entries(hub, bytes),
				new Registration.Snapshot(DisplayPaths.of(file), sha256(bytes)));
	}

	/**
	 * The customer subscriptions of {@code hub.registrationFile()} as listed, before any check.
	 */
	public static List<CustomerSubscription> readEntries(Hub hub) {
		return entries(hub, read(requireFile(hub), hub.name()));
	}

	private static Path requireFile(Hub hub) {
		Path file = hub.registrationFile();
		if (file == null) {
			throw new RegistrationException("Hub " + hub.name() + ": registration-file is not set");
		}
		return file;
	}

	private static List<CustomerSubscription> entries(Hub hub, byte[] bytes) {
		Path file = hub.registrationFile();
		List<CustomerSubscription> entries = new ArrayList<>();
		try {
			JsonNode list = JSON.readTree(text(bytes));
			JsonNode value = list.path("value");
			if (!value.isArray()) {
				throw new RegistrationException("Hub " + hub.name() + ": " + file
						+ " is not a customerSubscriptions list (no \"value\" array)");
			}
			if (!list.path("nextLink").asString("").isBlank()) {
				// tenants on the missing pages would silently fall to the default subscription
				throw new RegistrationException("Hub " + hub.name() + ": " + file + " is one page of several (it has"
						+ " a nextLink); save every page's entries in one \"value\" array");
			}
			value.forEach((entry) -> entries.add(CustomerSubscription.fromArm(entry)));
		}
		catch (JacksonException ex) {
			throw new RegistrationException("Hub " + hub.name() + ": " + file + " is not valid JSON: "
					+ ex.getOriginalMessage(), ex);
		}
		return entries;
	}

	/**
	 * The registration's default subscription: configured, or the subscription the registration resource lives in.
	 */
	public static String defaultSubscriptionOf(Hub hub) {
		String fromResource = null;
		if (hub.registrationResourceId() != null && !hub.registrationResourceId().isBlank()) {
			var matcher = REGISTRATION_RESOURCE_ID.matcher(hub.registrationResourceId().strip());
			if (!matcher.matches()) {
				throw new RegistrationException("Hub " + hub.name() + ": registration-resource-id '"
						+ hub.registrationResourceId() + "' is not a Microsoft.AzureStack/registrations resource ID");
			}
			fromResource = matcher.group(1);
		}
		String configured = hub.defaultSubscriptionId();
		if (configured != null && !configured.isBlank()) {
			if (fromResource != null && !fromResource.equalsIgnoreCase(configured.strip())) {
				throw new RegistrationException("Hub " + hub.name() + ": default-subscription-id " + configured
						+ " is not the subscription of the registration resource (" + fromResource + ")");
			}
			return checkedSubscription(configured.strip(), hub);
		}
		if (fromResource == null) {
			throw new RegistrationException(
					"Hub " + hub.name() + ": set default-subscription-id or registration-resource-id");
		}
		return checkedSubscription(fromResource, hub);
	}

	private static String checkedSubscription(String id, Hub hub) {
		if (!Registration.isUsableSubscriptionId(id)) {
			throw new RegistrationException("Hub " + hub.name() + ": default subscription '" + id + "' is not an ID");
		}
		return id;
	}

	/**
	 * Reads the hub's user subscriptions in any shape PowerShell writes them: the {@code Microsoft.Subscriptions.Admin}
	 * list JSON ({@code {"value":[...]}}) or a top-level array ({@code Get-AzsUserSubscription | ConvertTo-Json}),
	 * keys in any case; or a CSV with {@code SubscriptionId} and {@code TenantId} columns ({@code Export-Csv} or
	 * {@code ConvertTo-Csv > file}, comma or the semicolon of {@code -UseCulture}, with or without a {@code #TYPE}
	 * line); UTF-8 or UTF-16, with or without a byte-order mark. The content decides JSON or CSV, not the file name.
	 */
	public static UserSubscriptions readUserSubscriptions(Hub hub) {
		Path file = hub.userSubscriptionsFile();
		if (file == null) {
			return UserSubscriptions.none();
		}
		byte[] bytes = read(file, hub.name());
		String text = text(bytes);
		String start = text.stripLeading();
		Map<String, String> tenants = new HashMap<>();
		Map<String, SubscriptionName> names = new HashMap<>();
		if (start.startsWith("{") || start.startsWith("[")) {
			fromJson(text, file, hub, tenants, names);
		}
		else {
			fromCsv(text, file, hub, tenants, names);
		}
		return new UserSubscriptions(DisplayPaths.of(file), tenants, sha256(bytes), names);
	}

	private static void fromJson(String text, Path file, Hub hub, Map<String, String> tenants,
			Map<String, SubscriptionName> names) {
		try {
			JsonNode root = JSON.readTree(text);
			JsonNode value = (root != null && root.isArray()) ? root : JsonFields.field(root, "value");
			if (value == null || !value.isArray()) {
				throw new RegistrationException("Hub " + hub.name() + ": " + file
						+ " is not a Microsoft.Subscriptions.Admin subscriptions list (no \"value\" array)");
			}
			for (JsonNode entry : value) {
				String subscription = JsonFields.text(JsonFields.field(entry, "subscriptionId"));
				put(tenants, subscription, JsonFields.text(JsonFields.field(entry, "tenantId")), file, hub);
				putName(names, subscription, JsonFields.text(JsonFields.field(entry, "displayName")),
						JsonFields.text(JsonFields.field(entry, "owner")));
			}
		}
		catch (JacksonException ex) {
			throw new RegistrationException("Hub " + hub.name() + ": " + file + " is not valid JSON: "
					+ ex.getOriginalMessage(), ex);
		}
	}

	private static void fromCsv(String text, Path file, Hub hub, Map<String, String> tenants,
			Map<String, SubscriptionName> names) {
		// Export-Csv without -NoTypeInformation starts with a "#TYPE ..." line
		String csv = text.startsWith("#TYPE") ? text.substring(Math.max(text.indexOf('\n') + 1, 0)) : text;
		String header = csv.lines().findFirst().orElse("");
		// -UseCulture: the list separator of the culture, a semicolon in most of Europe
		char delimiter = (header.chars().filter((c) -> c == ';').count() > header.chars().filter((c) -> c == ',')
			.count()) ? ';' : ',';
		CSVFormat format = CSVFormat.DEFAULT.builder()
			.setDelimiter(delimiter)
			.setHeader()
			.setSkipHeaderRecord(true)
			.setIgnoreHeaderCase(true)
			.get();
		try (Reader reader = new StringReader(csv)) {
			var parser = format.parse(reader);
			if (!parser.getHeaderMap().containsKey("SubscriptionId") || !parser.getHeaderMap().containsKey("TenantId")) {
				throw new RegistrationException("Hub " + hub.name() + ": " + file
						+ " needs SubscriptionId and TenantId columns, has " + parser.getHeaderNames());
			}
			boolean displayName = parser.getHeaderMap().containsKey("DisplayName");
			boolean owner = parser.getHeaderMap().containsKey("Owner");
			for (CSVRecord row : parser) {
				put(tenants, row.get("SubscriptionId"), row.get("TenantId"), file, hub);
				putName(names, row.get("SubscriptionId"), displayName ? row.get("DisplayName") : "",
						owner ? row.get("Owner") : "");
			}
		}
		catch (IOException | IllegalArgumentException | IllegalStateException ex) {
			throw new RegistrationException("Hub " + hub.name() + ": " + file + " is not a readable CSV: "
					+ ex.getMessage(), ex);
		}
	}

	/**
	 * Names are for people reading the outputs, never for charging: a subscription listed without them has none.
	 */
	private static void putName(Map<String, SubscriptionName> names, String subscription, String displayName,
			String owner) {
		SubscriptionName name = new SubscriptionName(displayName, owner);
		if (!name.isEmpty()) {
			names.put(Guids.normalize(subscription), name);
		}
	}

	private static void put(Map<String, String> tenants, String subscription, String tenant, Path file, Hub hub) {
		if (!Guids.isGuid(subscription.strip())) {
			throw new RegistrationException("Hub " + hub.name() + ": " + file + " lists subscription '" + subscription
					+ "', which is not a GUID");
		}
		if (tenant.isBlank()) {
			return; // a subscription without a tenant charges the default subscription, as if it were unlisted
		}
		if (!Guids.isGuid(tenant.strip())) {
			throw new RegistrationException("Hub " + hub.name() + ": " + file + " gives subscription " + subscription
					+ " the tenant '" + tenant + "', which is not a GUID");
		}
		String previous = tenants.put(Guids.normalize(subscription), Guids.normalize(tenant));
		if (previous != null && !previous.equals(Guids.normalize(tenant))) {
			throw new RegistrationException("Hub " + hub.name() + ": " + file + " lists subscription " + subscription
					+ " twice, with tenants " + previous + " and " + tenant);
		}
	}

	private static byte[] read(Path file, String hub) {
		try {
			return Files.readAllBytes(file);
		}
		catch (IOException ex) {
			throw new RegistrationException("Hub " + hub + ": cannot read " + file + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * The file as text: UTF-8 (Windows PowerShell 5.1's {@code Export-Csv} writes a byte-order mark) or UTF-16 (its
	 * {@code >} and {@code Out-File} write little-endian with a mark), told by the mark or by the zero bytes of ASCII
	 * text in UTF-16.
	 */
	private static String text(byte[] bytes) {
		Charset charset = StandardCharsets.UTF_8;
		int skip = 0;
		if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe) {
			charset = StandardCharsets.UTF_16LE;
			skip = 2;
		}
		else if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xff) == 0xff) {
			charset = StandardCharsets.UTF_16BE;
			skip = 2;
		}
		else if (bytes.length >= 2 && bytes[0] != 0 && bytes[1] == 0) {
			charset = StandardCharsets.UTF_16LE;
		}
		else if (bytes.length >= 2 && bytes[0] == 0 && bytes[1] != 0) {
			charset = StandardCharsets.UTF_16BE;
		}
		String text = new String(bytes, skip, bytes.length - skip, charset);
		return text.startsWith("\uFEFF") ? text.substring(1) : text;
	}



	/**
	 * Fingerprint of a file as stored, so an operator can check it with {@code sha256sum}.
	 */
	public static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
