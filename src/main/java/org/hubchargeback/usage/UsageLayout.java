package org.hubchargeback.usage;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where each {@link UsageColumn} sits in one file, worked out once from its header row.
 */
public final class UsageLayout {

	private final UsageFormat format;

	private final EnumMap<UsageColumn, Integer> positions;

	private final List<String> header;

	private UsageLayout(UsageFormat format, EnumMap<UsageColumn, Integer> positions, List<String> header) {
		this.format = format;
		this.positions = positions;
		this.header = List.copyOf(header);
	}

	/**
	 * @throws InvalidUsageFileException when the header is not a usage export header
	 */
	public static UsageLayout fromHeader(List<String> header) {
		Map<String, Integer> byName = new HashMap<>();
		for (int i = 0; i < header.size(); i++) {
			String name = header.get(i).strip().replace("\uFEFF", "").toLowerCase(Locale.ROOT);
			if (name.isEmpty()) {
				continue;
			}
			Integer previous = byName.putIfAbsent(name, i);
			if (previous != null) {
				throw new InvalidUsageFileException(1, "duplicate column '" + header.get(i).strip() + "' (columns "
						+ (previous + 1) + " and " + (i + 1) + ")");
			}
		}
		UsageFormat format;
		if (byName.containsKey("subscriptionid")) {
			format = UsageFormat.CANONICAL;
		}
		else if (byName.containsKey("subscription")) {
			format = UsageFormat.USAGE_SUMMARY;
		}
		else {
			throw new InvalidUsageFileException(1, "not a usage export: no 'SubscriptionId' (canonical) or "
					+ "'subscription' (Usagesummary.ps1) column in header " + shortened(header));
		}
		EnumMap<UsageColumn, Integer> positions = new EnumMap<>(UsageColumn.class);
		for (UsageColumn column : UsageColumn.values()) {
			String name = column.header(format);
			Integer position = (name != null) ? byName.get(name.toLowerCase(Locale.ROOT)) : null;
			if (position != null) {
				positions.put(column, position);
			}
			else if (column.required()
					&& !(column == UsageColumn.RESOURCE_URI && format == UsageFormat.CANONICAL
							&& byName.containsKey("instancedata"))) {
				throw new InvalidUsageFileException(1, "missing column '" + name + "' for the " + format
						+ " layout in header " + shortened(header));
			}
		}
		return new UsageLayout(format, positions, header.stream().map((name) -> name.strip().replace("\uFEFF", "")).toList());
	}

	private static String shortened(List<String> header) {
		String text = header.toString();
		return (text.length() <= 300) ? text : text.substring(0, 300) + "...";
	}

	/**
	 * @return whether a row is this file's header again (names compared as the header's were matched)
	 */
	public boolean isHeader(String[] values) {
		if (values.length != this.header.size()) {
			return false;
		}
		for (int i = 0; i < values.length; i++) {
			if (!values[i].strip().replace("\uFEFF", "").equalsIgnoreCase(this.header.get(i))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * @return whether the file is a raw cmdlet export: the resource and its tags are in the {@code InstanceData} JSON
	 */
	public boolean hasInstanceData() {
		return !this.positions.containsKey(UsageColumn.RESOURCE_URI)
				&& this.positions.containsKey(UsageColumn.INSTANCE_DATA);
	}

	public UsageFormat format() {
		return this.format;
	}

	public int width() {
		return this.header.size();
	}

	/**
	 * @return the header of column {@code position}, as the file spells it
	 */
	public String headerAt(int position) {
		return (position < this.header.size()) ? this.header.get(position) : "(column " + (position + 1) + ")";
	}

	/**
	 * @return the trimmed value, or an empty string when the file has no such column
	 */
	public String get(String[] values, UsageColumn column) {
		Integer position = this.positions.get(column);
		return (position != null && position < values.length) ? values[position].strip() : "";
	}

}
