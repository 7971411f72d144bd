package org.hubchargeback.usage;

import java.util.Locale;

/**
 * Meter IDs are published uppercase, lowercase, with and without hyphens; they are one ID. GUID-shaped IDs are
 * normalized to the lowercase hyphenated form, anything else is kept trimmed and lowercased.
 */
public final class MeterIds {

	private MeterIds() {
	}

	public static String normalize(String meterId) {
		String trimmed = meterId.trim().toLowerCase(Locale.ROOT);
		String hex = trimmed.replace("-", "");
		if (hex.length() == 32 && isHex(hex)) {
			return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
					+ hex.substring(16, 20) + "-" + hex.substring(20);
		}
		return trimmed;
	}

	/**
	 * @return whether the value is a GUID: 32 hexadecimal digits, hyphenated 8-4-4-4-12 or not at all
	 */
	public static boolean isGuid(String meterId) {
		String trimmed = meterId.trim();
		if (trimmed.length() == 32) {
			return isHex(trimmed.toLowerCase(Locale.ROOT));
		}
		return Guids.isGuid(trimmed);
	}

	static boolean isHex(String s) {
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
				return false;
			}
		}
		return true;
	}

}
