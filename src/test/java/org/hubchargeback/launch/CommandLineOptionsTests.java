package org.hubchargeback.launch;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommandLineOptionsTests {

	@Test
	void aMistypedOptionIsNamedWithTheOptionItMostLikelyMeant() {
		// given
		List<String> given = List.of("form", "to");

		// when
		String reason = CommandLineOptions.unknown(given).orElseThrow();

		// then
		assertThat(reason).isEqualTo("unknown option --form (did you mean --from?)");
	}

	@Test
	void anOptionLikeNoKnownOneIsNamedAlone() {
		// given
		List<String> given = List.of("nightly", "everything");

		// when
		String reason = CommandLineOptions.unknown(given).orElseThrow();

		// then
		assertThat(reason).isEqualTo("unknown option --everything");
	}

	@Test
	void springPropertiesAndTheLaunchersShortFormsAreNotUnknown() {
		// given
		List<String> given = List.of("spring.config.additional-location", "hub-chargeback.chunk-size", "output-dir",
				"data-dir", "from", "to", "dry-run", "force", "quiet", "debug");

		// when / then
		assertThat(CommandLineOptions.unknown(given)).isEmpty();
	}

	@Test
	void suggestionsAllowASwapAndTwoEditsButNotMore() {
		// given / when / then
		assertThat(CommandLineOptions.closest("dryrun")).contains("dry-run");
		assertThat(CommandLineOptions.closest("nigthly")).contains("nightly");
		assertThat(CommandLineOptions.closest("foce")).contains("force");
		assertThat(CommandLineOptions.closest("xyzzy")).isEmpty();
		assertThat(CommandLineOptions.distance("form", "from")).isEqualTo(1);
	}

	@Test
	void theVersionComesFromTheBuildInfoElseTheManifest() {
		// given
		String buildInfo = "build.artifact=hub-chargeback\nbuild.version=1.2.3\n";

		// when / then
		assertThat(Version.of(new ByteArrayInputStream(buildInfo.getBytes(StandardCharsets.ISO_8859_1)), "9.9"))
			.isEqualTo("1.2.3");
		assertThat(Version.of(null, "9.9")).isEqualTo("9.9");
		assertThat(Version.of(null, null)).startsWith("unknown");
	}

}
