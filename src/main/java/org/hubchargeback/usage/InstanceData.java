package org.hubchargeback.usage;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A usage record's instance data: the resource, its location, tags and additional information. The usage API returns
 * one record per distinct instance data in a bucket, so a resource whose tags change (or that is resized, which
 * changes its additional information) within an hour has two records, both to be charged; the
 * {@link #fingerprint} tells them apart.
 * <p>
 * The same record is written differently by different exporters: {@code Usagesummary.ps1} writes tags as
 * PowerShell's {@code @{Department=Sales; CostCenter=4711}}, a converted or raw export as JSON
 * ({@code {"Department":"Sales","CostCenter":4711}}), in any key order, quoted or not. The fingerprint is the same for
 * all of them: keys sorted, values as text, location lowercased.
 */
public final class InstanceData {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * Separators no exported text holds (control characters are escaped out of values first).
	 */
	private static final char FIELD = '\u001f';

	private static final char ENTRY = '\u001e';

	private InstanceData() {
	}

	/**
	 * The {@code Microsoft.Resources} part of a raw {@code InstanceData} column.
	 */
	public record Resources(String resourceUri, String location, String tags, String additionalInfo) {
	}

	/**
	 * @throws IllegalArgumentException when the text is not instance data
	 */
	public static Resources parse(String instanceData) {
		JsonNode root;
		try {
			root = JSON.readTree(instanceData);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("not JSON instance data: " + ex.getOriginalMessage());
		}
		JsonNode resources = JsonFields.field(root, "Microsoft.Resources");
		if (resources == null || !resources.isObject()) {
			throw new IllegalArgumentException("no \"Microsoft.Resources\" object in the instance data");
		}
		return new Resources(JsonFields.text(JsonFields.field(resources, "resourceUri")),
				JsonFields.text(JsonFields.field(resources, "location")), json(JsonFields.field(resources, "tags")),
				json(JsonFields.field(resources, "additionalInfo")));
	}

	/**
	 * @return the record's instance as one string, equal for every spelling of the same values; empty when it has
	 * no location, tags or additional information
	 */
	public static String fingerprint(String location, String tags, String additionalInfo) {
		String where = location.strip().toLowerCase(Locale.ROOT);
		Map<String, String> tagMap = properties(tags);
		Map<String, String> infoMap = properties(additionalInfo);
		if (where.isEmpty() && tagMap.isEmpty() && infoMap.isEmpty()) {
			return "";
		}
		StringBuilder fingerprint = new StringBuilder(where).append(FIELD);
		append(fingerprint, tagMap);
		fingerprint.append(FIELD);
		append(fingerprint, infoMap);
		return fingerprint.toString();
	}

	/**
	 * The tags of a {@link #fingerprint} as a FOCUS {@code Tags} value: a flat JSON object, keys in sorted order, every
	 * value a string (PowerShell's notation has no types), a tag without a value {@code true} as FOCUS requires.
	 * @return empty when there are no tags (a FOCUS null)
	 */
	public static String tagsJson(String fingerprint) {
		int start = fingerprint.indexOf(FIELD);
		int end = (start < 0) ? -1 : fingerprint.indexOf(FIELD, start + 1);
		if (end <= start + 1) {
			return "";
		}
		ObjectNode tags = JSON.createObjectNode();
		for (String entry : fingerprint.substring(start + 1, end).split(String.valueOf(ENTRY))) {
			if (entry.isEmpty()) {
				continue;
			}
			int equals = entry.indexOf('=');
			String key = (equals < 0) ? entry : entry.substring(0, equals);
			String value = (equals < 0) ? "" : entry.substring(equals + 1);
			if (value.isEmpty()) {
				tags.put(key, true);
			}
			else {
				tags.put(key, value);
			}
		}
		return tags.isEmpty() ? "" : JSON.writeValueAsString(tags);
	}

	private static void append(StringBuilder fingerprint, Map<String, String> properties) {
		properties.forEach((key, value) -> fingerprint.append(key).append('=').append(value).append(ENTRY));
	}

	/**
	 * Reads {@code @{k=v; k2=v2}} (PowerShell), {@code {"k":"v"}} (JSON) or nothing ({@code null}, {@code @{}}, empty)
	 * into keys and values; anything else is kept as one key.
	 */
	static Map<String, String> properties(String text) {
		String t = text.strip();
		Map<String, String> properties = new TreeMap<>();
		if (t.isEmpty() || t.equals("null") || t.equals("@{}") || t.equals("{}")) {
			return properties;
		}
		if (t.startsWith("@{") && t.endsWith("}")) {
			for (String entry : t.substring(2, t.length() - 1).split("; ")) {
				int equals = entry.indexOf('=');
				if (equals > 0) {
					properties.put(clean(entry.substring(0, equals)), clean(entry.substring(equals + 1)));
				}
				else if (!entry.isBlank()) {
					properties.put(clean(entry), "");
				}
			}
			return properties;
		}
		if (t.startsWith("{")) {
			try {
				JsonNode object = JSON.readTree(t);
				if (object != null && object.isObject()) {
					for (Map.Entry<String, JsonNode> entry : object.properties()) {
						properties.put(clean(entry.getKey()), clean(scalar(entry.getValue())));
					}
					return properties;
				}
			}
			catch (JacksonException ex) {
				// not JSON after all: kept as text below
			}
		}
		properties.put(clean(t), "");
		return properties;
	}

	private static String scalar(JsonNode value) {
		return value.isValueNode() ? value.asString("") : value.toString();
	}

	private static String clean(String text) {
		StringBuilder clean = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			clean.append((c < 0x20) ? ' ' : c);
		}
		return clean.toString().strip();
	}

	private static String json(@Nullable JsonNode node) {
		return (node == null || node.isNull()) ? "" : node.toString();
	}

}
