package org.hubchargeback.progress;

import java.time.Duration;
import java.util.Locale;

/**
 * How far loading is, as one line: records read, bytes read of the input's total, records a second and the time
 * left at the bytes' rate so far (records alone cannot say: nobody knows how many an export holds before reading it).
 *
 * @param records records read so far
 * @param bytesRead bytes of the input files read so far (estimated within a file being read)
 * @param totalBytes the input files' size
 * @param elapsed since loading started
 */
public record LoadingProgress(long records, long bytesRead, long totalBytes, Duration elapsed) {

	public String line() {
		StringBuilder line = new StringBuilder("loading: ").append(String.format(Locale.ROOT, "%,d", this.records))
			.append(" records, ")
			.append(megabytes(this.bytesRead))
			.append(" of ")
			.append(megabytes(this.totalBytes))
			.append(" MB");
		if (this.totalBytes > 0) {
			line.append(String.format(Locale.ROOT, " (%d%%)", Math.min(100, this.bytesRead * 100 / this.totalBytes)));
		}
		double seconds = this.elapsed.toNanos() / 1e9;
		if (seconds > 0) {
			line.append(String.format(Locale.ROOT, ", %,d records/s", Math.round(this.records / seconds)));
		}
		if (this.bytesRead > 0 && seconds > 0 && this.bytesRead < this.totalBytes) {
			long left = Math.round((this.totalBytes - this.bytesRead) / (this.bytesRead / seconds));
			line.append((left < 1) ? ", under 1 s left" : ", about " + duration(left) + " left");
		}
		return line.toString();
	}

	static String megabytes(long bytes) {
		return String.format(Locale.ROOT, "%,.1f", bytes / 1e6);
	}

	static String duration(long seconds) {
		if (seconds < 60) {
			return seconds + " s";
		}
		if (seconds < 3600) {
			return (seconds / 60) + " min " + (seconds % 60) + " s";
		}
		return (seconds / 3600) + " h " + (seconds % 3600 / 60) + " min";
	}

}
