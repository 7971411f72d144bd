package org.hubchargeback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build's NullAway checks only {@code @NullMarked} code: a package without a {@code @NullMarked} package-info
 * would compile unchecked, silently.
 */
class NullMarkedPackagesTests {

	@Test
	void everyMainPackageIsNullMarked() throws IOException {
		Path sources = Path.of("src/main/java");
		List<String> unmarked;
		try (Stream<Path> files = Files.walk(sources)) {
			unmarked = files.filter((file) -> file.toString().endsWith(".java"))
				.map(Path::getParent)
				.distinct()
				.filter((dir) -> !nullMarked(dir.resolve("package-info.java")))
				.map((dir) -> sources.relativize(dir).toString())
				.sorted()
				.toList();
		}
		assertThat(unmarked).as("packages without a @NullMarked package-info.java").isEmpty();
	}

	private static boolean nullMarked(Path packageInfo) {
		try {
			return Files.isRegularFile(packageInfo) && Files.readString(packageInfo).contains("@NullMarked");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
