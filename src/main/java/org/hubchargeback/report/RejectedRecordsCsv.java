package org.hubchargeback.report;

import java.util.List;

import org.hubchargeback.csv.CsvDialect;

import org.springframework.batch.infrastructure.item.file.FlatFileHeaderCallback;
import org.springframework.batch.infrastructure.item.file.transform.LineAggregator;

/**
 * {@code rejected-records.csv}: every input row that could not be used. {@code Line} is the physical line the
 * record starts on (the header is line 1); {@code RawLine} is the record's fields as CSV, or for a conflicting
 * duplicate the export's own text (read again from the file, see {@code ExportLines}).
 */
public final class RejectedRecordsCsv implements LineAggregator<RejectedRecordsCsv.Row> {

	public static final List<String> HEADER = List.of("HubName", "File", "Line", "Field", "Reason", "RawLine");

	public static final FlatFileHeaderCallback HEADER_CALLBACK = (writer) -> writer
		.write(CsvDialect.line(HEADER.toArray()));

	@Override
	public String aggregate(Row row) {
		return CsvDialect.line(row.hub(), row.file(), row.line(), row.field(), row.reason(), row.rawLine());
	}

	public record Row(String hub, String file, long line, String field, String reason, String rawLine) {
	}

}
