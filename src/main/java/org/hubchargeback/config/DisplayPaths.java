package org.hubchargeback.config;

import java.nio.file.Path;

import org.hubchargeback.csv.Printable;

/**
 * How configured files are named in outputs. A file under the working directory is named relative to it: shorter
 * for finance, and the same on every installation that runs from its own directory. Control characters in a name are
 * escaped ({@link Printable}): the name is printed on lines of the command's output.
 */
public final class DisplayPaths {

	private DisplayPaths() {
	}

	public static String of(Path file) {
		Path absolute = file.toAbsolutePath().normalize();
		Path workingDirectory = Path.of("").toAbsolutePath();
		return Printable.of(absolute.startsWith(workingDirectory) ? workingDirectory.relativize(absolute).toString()
				: absolute.toString());
	}

}
