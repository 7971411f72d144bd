package org.hubchargeback.focus;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * FOCUS ResourceName and ResourceType as the Azure Resource Manager ID spells them, null when it names no resource.
 */
class ArmResourceTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "null", textBlock = """
			/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1 | vm1 | Microsoft.Compute/virtualMachines
			/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1/extensions/ext1 | ext1 | Microsoft.Compute/virtualMachines/extensions
			/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1/providers/Microsoft.Insights/diagnosticSettings/d1 | d1 | Microsoft.Insights/diagnosticSettings
			\\subscriptions\\s\\resourceGroups\\rg\\providers\\Microsoft.Web\\sites\\app1 | app1 | Microsoft.Web/sites
			/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1/ | vm1 | Microsoft.Compute/virtualMachines
			/subscriptions/s/resourceGroups/rg | null | null
			/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines | null | null
			/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines//x | null | null
			vm1 | null | null
			""")
	void nameAndTypeOfAnArmResourceId(String resourceId, String name, String type) {
		// when
		ArmResource resource = ArmResource.parse(resourceId);

		// then
		if (name == null) {
			assertThat(resource).isNull();
		}
		else {
			assertThat(resource).isEqualTo(new ArmResource(name, type));
		}
	}

}
