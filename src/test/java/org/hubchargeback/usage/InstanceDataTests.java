package org.hubchargeback.usage;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class InstanceDataTests {

	@Test
	void everySpellingOfTheSameTagsHasOneFingerprint() {
		// given Usagesummary.ps1 (5.1 and 7 alike), a JSON export, keys reordered, numbers unquoted
		String powershell = InstanceData.fingerprint("local", "@{Department=Sales; CostCenter=4711}", "");
		String json = InstanceData.fingerprint(" LOCAL", "{\"CostCenter\": 4711, \"Department\": \"Sales\"}", "null");
		String other = InstanceData.fingerprint("local", "@{Department=IT; CostCenter=4711}", "");

		// when / then
		assertThat(json).isEqualTo(powershell);
		assertThat(other).isNotEqualTo(powershell);
		assertThat(InstanceData.fingerprint("", "", "@{}")).isEmpty();
		assertThat(InstanceData.fingerprint("local", "@{a=1}", "")).isNotEqualTo(
				InstanceData.fingerprint("local", "", "@{a=1}"));
	}

	@Test
	void readsTheRawInstanceDataColumn() {
		// given the API's instanceData string
		String raw = "{\"Microsoft.Resources\":{\"resourceUri\":\"/subscriptions/s/resourceGroups/rg/vm1\","
				+ "\"location\":\"local\",\"tags\":{\"Department\":\"Sales\"},\"additionalInfo\":null}}";

		// when
		InstanceData.Resources resources = InstanceData.parse(raw);

		// then
		assertThat(resources).isEqualTo(new InstanceData.Resources("/subscriptions/s/resourceGroups/rg/vm1", "local",
				"{\"Department\":\"Sales\"}", ""));
		assertThatIllegalArgumentException().isThrownBy(() -> InstanceData.parse("@{resourceUri=x}"));
		assertThatIllegalArgumentException().isThrownBy(() -> InstanceData.parse("{\"other\":1}"));
	}

	@Test
	void tagsAreAFocusKeyValueObject() {
		// given tags a JSON string must escape, a valueless tag, keys out of order, and other instance data
		String fingerprint = InstanceData.fingerprint("local", "@{Owner=Ann \"the boss\" \\x; Critical; Cost=4711}",
				"@{Other=1}");

		// when
		String tags = InstanceData.tagsJson(fingerprint);

		// then keys sorted, values strings, escaped; a tag without a value is true, as FOCUS requires
		assertThat(tags).isEqualTo("{\"Cost\":\"4711\",\"Critical\":true,\"Owner\":\"Ann \\\"the boss\\\" \\\\x\"}");
		assertThat(InstanceData.tagsJson(InstanceData.fingerprint("local", "", "@{Other=1}"))).isEmpty();
		assertThat(InstanceData.tagsJson("")).isEmpty();
	}

}
