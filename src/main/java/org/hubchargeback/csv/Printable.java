package org.hubchargeback.csv;

/**
 * User text (a file name, a field of an export) made safe to print on one line: control characters and line
 * separators are written as escapes ({@code \n}, {@code \u0085}). A file named with a line break would otherwise
 * start a line of its own in the command's output, and could forge a {@code hub-chargeback: ... COMPLETED} line.
 */
public final class Printable {

	private Printable() {
	}

	public static String of(String text) {
		if (isPrintable(text)) {
			return text;
		}
		StringBuilder escaped = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '\n' -> escaped.append("\\n");
				case '\r' -> escaped.append("\\r");
				case '\t' -> escaped.append("\\t");
				default -> {
					if (isControl(c)) {
						escaped.append(String.format("\\u%04x", (int) c));
					}
					else {
						escaped.append(c);
					}
				}
			}
		}
		return escaped.toString();
	}

	/**
	 * @return whether the text has no control character or line separator
	 */
	public static boolean isPrintable(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (isControl(text.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	private static boolean isControl(char c) {
		return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
	}

}
