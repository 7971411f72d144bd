package org.hubchargeback.csv;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Maps character positions to physical line numbers while the CSV parser reads ahead. Commons CSV reports where a
 * record starts as a character position; the parser's own line counter is already past blank lines and quoted line
 * breaks. Only the line breaks between the last asked position and the read position are kept, so memory stays
 * bounded by the parser's buffer.
 */
public final class LineCountingReader extends FilterReader {

	/**
	 * Positions of the line breaks not yet asked about: a ring of primitives, as a queue of boxed longs costs a fifth
	 * of the reading time.
	 */
	private long[] lineBreaks = new long[1024];

	private int head;

	private int size;

	private long position;

	private long linesBefore;

	private boolean lastWasCarriageReturn;

	public LineCountingReader(Reader in) {
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
		boolean afterCarriageReturn = this.lastWasCarriageReturn;
		for (int i = 0; i < n; i++) {
			char c = buffer[offset + i];
			// one test per character on the common path: only control characters can break a line
			if (c <= '\r') {
				// a line break is '\n', a lone '\r', or the '\n' of "\r\n" (counted once)
				if (c == '\r' || (c == '\n' && !afterCarriageReturn)) {
					addLineBreak(this.position + i);
				}
				afterCarriageReturn = (c == '\r');
			}
			else {
				afterCarriageReturn = false;
			}
		}
		if (n > 0) {
			this.lastWasCarriageReturn = afterCarriageReturn;
			this.position += n;
		}
		return n;
	}

	/**
	 * @param characterPosition a position at or after the previous one asked for
	 * @return the 1-based line the position is on
	 */
	public long lineOf(long characterPosition) {
		while (this.size > 0 && this.lineBreaks[this.head] < characterPosition) {
			this.head = (this.head + 1) & (this.lineBreaks.length - 1);
			this.size--;
			this.linesBefore++;
		}
		return this.linesBefore + 1;
	}

	private void addLineBreak(long position) {
		if (this.size == this.lineBreaks.length) {
			long[] larger = new long[this.lineBreaks.length * 2];
			for (int i = 0; i < this.size; i++) {
				larger[i] = this.lineBreaks[(this.head + i) & (this.lineBreaks.length - 1)];
			}
			this.lineBreaks = larger;
			this.head = 0;
		}
		this.lineBreaks[(this.head + this.size) & (this.lineBreaks.length - 1)] = position;
		this.size++;
	}

}
