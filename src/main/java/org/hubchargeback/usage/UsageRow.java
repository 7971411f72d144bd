package org.hubchargeback.usage;

/**
 * One CSV record of a usage export, as read: not yet validated.
 *
 * @param seq position in the run's reading order, stable across restarts
 * @param file the export it came from
 * @param layout the export's column layout
 * @param line the physical line the record starts on (the header is line 1)
 * @param values the record's fields
 * @param rawLine the record as CSV text, for the rejected-records file
 */
public record UsageRow(long seq, InputFile file, UsageLayout layout, long line, String[] values, String rawLine) {
}
