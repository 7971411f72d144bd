package org.hubchargeback.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A set of series in the Prometheus text exposition format (version 0.0.4), as the Pushgateway takes them: one
 * {@code # TYPE} line per metric, then its series. Plain Java, so the names and escaping are unit-tested.
 */
final class PushedMetrics {

	private final Map<String, String> types = new LinkedHashMap<>();

	private final Map<String, List<String>> series = new LinkedHashMap<>();

	/**
	 * @param labels label name, value, name, value...
	 */
	PushedMetrics add(String name, String type, double value, String... labels) {
		this.types.putIfAbsent(name, type);
		StringBuilder line = new StringBuilder(name);
		if (labels.length > 0) {
			line.append('{');
			for (int i = 0; i < labels.length; i += 2) {
				line.append((i > 0) ? "," : "").append(labels[i]).append("=\"").append(escape(labels[i + 1]))
					.append('"');
			}
			line.append('}');
		}
		line.append(' ').append(number(value));
		this.series.computeIfAbsent(name, (k) -> new ArrayList<>()).add(line.toString());
		return this;
	}

	String text() {
		StringBuilder text = new StringBuilder();
		this.series.forEach((name, lines) -> {
			text.append("# TYPE ").append(name).append(' ').append(this.types.get(name)).append('\n');
			lines.forEach((line) -> text.append(line).append('\n'));
		});
		return text.toString();
	}

	static String escape(String value) {
		return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
	}

	static String number(double value) {
		return (value == Math.rint(value) && Math.abs(value) < 1e15) ? Long.toString((long) value)
				: Double.toString(value);
	}

}
