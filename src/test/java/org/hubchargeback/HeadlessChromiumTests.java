package org.hubchargeback;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The browser tests rely on {@link HeadlessChromium#dumpDom} failing when a page tries to load anything.
 */
class HeadlessChromiumTests {

	@TempDir
	Path dir;

	@BeforeEach
	void chromium() {
		HeadlessChromium.assumeInstalled();
	}

	@Test
	void pageThatLoadsSomethingFails() throws IOException {
		// given: a page whose policy forbids loading anything, with an image from a server
		Path html = Files.writeString(this.dir.resolve("page.html"), """
				<!DOCTYPE html><html><head>
				<meta http-equiv="Content-Security-Policy" content="default-src 'none'">
				</head><body><p>text &amp; more</p><img src="https://example.com/pixel.png"></body></html>
				""");

		// when, then
		assertThatIllegalStateException().isThrownBy(() -> HeadlessChromium.dumpDom(html))
			.withMessageContaining("logged to the console")
			.withMessageContaining("https://example.com/pixel.png")
			.withMessageContaining("Content Security Policy");
	}

	@Test
	void dumpsTheDomAsRendered() throws IOException {
		// given: the parser moves the stray cell into a table of its own making
		Path html = Files.writeString(this.dir.resolve("page.html"),
				"<!DOCTYPE html><title>t</title><table id=\"t\"><td data-col=\"a\">1 &lt; 2</table>");

		// when
		String dom = HeadlessChromium.dumpDom(html);

		// then
		assertThat(dom).contains("<tbody><tr><td data-col=\"a\">1 &lt; 2</td></tr></tbody>");
		assertThat(HtmlTable.parse(dom, "t").body()).singleElement().isEqualTo(Map.of("a", "1 < 2"));
	}

}
