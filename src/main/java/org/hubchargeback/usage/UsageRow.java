package org.hubchargeback.usage;

import org.apache.commons.csv.CSVFormat;

/**
 * One CSV record of a usage export, as read: not yet validated.
 *
 * @param seq position in the run's reading order, stable across restarts
 * @param file the export it came from
 * @param layout the export's column layout
 * @param line the physical line the record starts on (the header is line 1)
 * @param values the record's fields
 */
public record UsageRow(long seq, InputFile file, UsageLayout layout, long line, String[] values) {

	private static final CSVFormat RAW_LINE = CSVFormat.DEFAULT.builder().setRecordSeparator("").get();

	/**
	 * The record as CSV text, cut to a size a spreadsheet cell can hold, for the rejected-records file. Made only for
	 * the rows that need it: formatting every row would cost a tenth of the reading time.
	 */
	public String rawLine() {
		return ExportLines.cut(RAW_LINE.format((Object[]) this.values));
	}

}
