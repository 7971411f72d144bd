package org.hubchargeback.usage;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Fields of JSON that PowerShell wrote: {@code ConvertTo-Json} keeps the .NET property names ({@code SubscriptionId}),
 * the APIs use camel case ({@code subscriptionId}); both are read, the exact name first.
 */
public final class JsonFields {

	private JsonFields() {
	}

	/**
	 * @return the field named so in any case, or null when the node is no object or has no such field
	 */
	public static @Nullable JsonNode field(@Nullable JsonNode object, String name) {
		if (object == null || !object.isObject()) {
			return null;
		}
		JsonNode exact = object.get(name);
		if (exact != null) {
			return exact;
		}
		for (Map.Entry<String, JsonNode> entry : object.properties()) {
			if (entry.getKey().equalsIgnoreCase(name)) {
				return entry.getValue();
			}
		}
		return null;
	}

	/**
	 * @return the field's text, empty when absent or null
	 */
	public static String text(@Nullable JsonNode node) {
		return (node == null || node.isNull()) ? "" : node.asString("");
	}

}
