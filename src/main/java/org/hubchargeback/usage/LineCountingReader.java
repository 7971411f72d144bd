package org.hubchargeback.usage;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;

/**
 * Maps character positions to physical line numbers while the CSV parser reads ahead. Commons CSV reports where a
 * record starts as a character position; the parser's own line counter is already past blank lines and quoted line
 * breaks. Only the line breaks between the last asked position and the read position are kept, so memory stays
 * bounded by the parser's buffer.
 */
final class LineCountingReader extends FilterReader {

	private final ArrayDeque<Long> lineBreaks = new ArrayDeque<>();

	private long position;

	private long linesBefore;

	private boolean lastWasCarriageReturn;

	LineCountingReader(Reader in) {
		super(in);
	}

	@Override
	public int read() throws IOException {
		char[] one = new char[1];
		int n = read(one, 0, 1);
		return (n < 0) ? -1 : one[0];
	}

	@Override
	public int read(char[] buffer, int offset, int length) throws IOException {
		int n = super.read(buffer, offset, length);
		for (int i = 0; i < n; i++) {
			char c = buffer[offset + i];
			// a line break is '\n', a lone '\r', or the '\n' of "\r\n" (counted once)
			if (c == '\n') {
				if (!this.lastWasCarriageReturn) {
					this.lineBreaks.add(this.position);
				}
			}
			else if (c == '\r') {
				this.lineBreaks.add(this.position);
			}
			this.lastWasCarriageReturn = (c == '\r');
			this.position++;
		}
		return n;
	}

	/**
	 * @param characterPosition a position at or after the previous one asked for
	 * @return the 1-based line the position is on
	 */
	long lineOf(long characterPosition) {
		while (!this.lineBreaks.isEmpty() && this.lineBreaks.peekFirst() < characterPosition) {
			this.lineBreaks.pollFirst();
			this.linesBefore++;
		}
		return this.linesBefore + 1;
	}

}
