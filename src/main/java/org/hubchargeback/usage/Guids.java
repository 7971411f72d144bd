package org.hubchargeback.usage;

import java.util.Locale;

/**
 * GUID checks for subscription and tenant IDs, which compare case-insensitively.
 */
public final class Guids {

	private Guids() {
	}

	public static boolean isGuid(String value) {
		if (value.length() != 36) {
			return false;
		}
		for (int i = 0; i < 36; i++) {
			char c = value.charAt(i);
			boolean hyphen = (i == 8 || i == 13 || i == 18 || i == 23);
			if (hyphen ? c != '-' : Character.digit(c, 16) < 0) {
				return false;
			}
		}
		return true;
	}

	public static String normalize(String guid) {
		return guid.strip().toLowerCase(Locale.ROOT);
	}

}
