package org.hubchargeback;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A table of an HTML output read back, as our pages write them and as chromium serializes them: each row maps the
 * {@code data-col} of its cells to their text, unescaped, without tags and placeholders (which CSS generates).
 *
 * @param body the rows of {@code <tbody>}
 * @param footer the rows of {@code <tfoot>}
 */
public record HtmlTable(List<Map<String, String>> body, List<Map<String, String>> footer) {

	private static final Pattern ROW = Pattern.compile("<tr\\b[^>]*>(.*?)</tr>", Pattern.DOTALL);

	private static final Pattern CELL = Pattern.compile("<t[dh]\\b([^>]*)>(.*?)</t[dh]>", Pattern.DOTALL);

	private static final Pattern COLUMN = Pattern.compile("\\bdata-col=\"([^\"]*)\"");

	private static final Pattern TAG = Pattern.compile("<[^>]*>");

	/**
	 * @throws IllegalArgumentException if there is no table with this id
	 */
	public static HtmlTable parse(String html, String id) {
		Matcher table = Pattern.compile("<table\\b[^>]*\\bid=\"" + Pattern.quote(id) + "\"[^>]*>(.*?)</table>",
				Pattern.DOTALL)
			.matcher(html);
		if (!table.find()) {
			throw new IllegalArgumentException("no table " + id);
		}
		return new HtmlTable(rows(section(table.group(1), "tbody")), rows(section(table.group(1), "tfoot")));
	}

	/**
	 * The rows of the body, each a list of its cells' texts in data-col order: handy to compare with CSV records.
	 */
	public List<List<String>> bodyValues(String... columns) {
		return this.body.stream().map((row) -> List.of(columns).stream().map(row::get).toList()).toList();
	}

	/**
	 * The text of an element's content: tags removed, entities the HTML serializers write decoded.
	 */
	public static String text(String html) {
		return TAG.matcher(html)
			.replaceAll("")
			.replace("&lt;", "<")
			.replace("&gt;", ">")
			.replace("&quot;", "\"")
			.replace("&#39;", "'")
			.replace("&nbsp;", "\u00a0")
			.replace("&amp;", "&");
	}

	private static String section(String table, String tag) {
		Matcher section = Pattern.compile("<" + tag + "\\b[^>]*>(.*?)</" + tag + ">", Pattern.DOTALL).matcher(table);
		return section.find() ? section.group(1) : "";
	}

	private static List<Map<String, String>> rows(String section) {
		List<Map<String, String>> rows = new ArrayList<>();
		Matcher row = ROW.matcher(section);
		while (row.find()) {
			Map<String, String> cells = new LinkedHashMap<>();
			Matcher cell = CELL.matcher(row.group(1));
			while (cell.find()) {
				Matcher column = COLUMN.matcher(cell.group(1));
				if (column.find()) {
					cells.put(column.group(1), text(cell.group(2)));
				}
			}
			rows.add(cells);
		}
		return rows;
	}

}
