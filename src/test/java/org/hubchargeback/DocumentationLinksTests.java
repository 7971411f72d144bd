package org.hubchargeback;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README sends finance and operators to guides under {@code docs/}, and the guides link to each other's sections:
 * a section renamed or moved must not leave a link to nowhere (the release archive ships them side by side).
 */
class DocumentationLinksTests {

	private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

	private static final Pattern FENCE = Pattern.compile("(?ms)^```.*?^```");

	@Test
	void everyRelativeLinkOfTheReadmeAndTheGuidesPointsAtAFileAndSectionThatExist() throws IOException {
		// given
		List<Path> documents = new ArrayList<>(List.of(Path.of("README.md")));
		try (Stream<Path> docs = Files.list(Path.of("docs"))) {
			docs.filter((file) -> file.toString().endsWith(".md")).sorted().forEach(documents::add);
		}

		// when
		List<String> broken = new ArrayList<>();
		for (Path document : documents) {
			Matcher link = LINK.matcher(FENCE.matcher(Files.readString(document)).replaceAll(""));
			while (link.find()) {
				String target = link.group(1);
				if (target.matches("[a-z]+:.*")) {
					continue;
				}
				int hash = target.indexOf('#');
				String file = (hash < 0) ? target : target.substring(0, hash);
				Path resolved = file.isEmpty() ? document : document.resolveSibling(file).normalize();
				if (!Files.exists(resolved)) {
					broken.add(document + ": " + target + " (no such file)");
				}
				else if (hash >= 0 && !anchors(resolved).contains(target.substring(hash + 1))) {
					broken.add(document + ": " + target + " (no such section)");
				}
			}
		}

		// then
		assertThat(documents).contains(Path.of("docs/finance-guide.md"), Path.of("docs/operations.md"),
				Path.of("docs/architecture.md"));
		assertThat(broken).isEmpty();
	}

	@Test
	void theReadmesFirstScreenSendsFinanceAndOperatorsToTheirGuides() throws IOException {
		// given
		List<String> lines = Files.readAllLines(Path.of("README.md"));

		// when
		String firstScreen = String.join("\n", lines.subList(0, Math.min(30, lines.size())));

		// then
		assertThat(firstScreen).contains("](docs/finance-guide.md)", "](docs/operations.md)");
	}

	/**
	 * The anchors GitHub gives a Markdown file's headings: lower case, punctuation but hyphens dropped, spaces as
	 * hyphens.
	 */
	private static Set<String> anchors(Path file) throws IOException {
		Set<String> anchors = new HashSet<>();
		if (!file.toString().endsWith(".md")) {
			return anchors;
		}
		String text = FENCE.matcher(Files.readString(file)).replaceAll("");
		for (String line : text.lines().toList()) {
			if (line.matches("#{1,6} .*")) {
				anchors.add(line.replaceFirst("^#+ ", "")
					.strip()
					.toLowerCase(Locale.ROOT)
					.replaceAll("[^\\p{L}\\p{N}_\\- ]", "")
					.replace(' ', '-'));
			}
		}
		return anchors;
	}

}
