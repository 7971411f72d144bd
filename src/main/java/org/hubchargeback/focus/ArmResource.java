package org.hubchargeback.focus;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The name and type an Azure Resource Manager resource ID spells out:
 * {@code /subscriptions/<s>/resourceGroups/<rg>/providers/<Namespace>/<type>/<name>[/<child type>/<child name>...]}
 * is the resource {@code <name>} (or its last child's) of type {@code <Namespace>/<type>[/<child type>...]}, as
 * Azure writes resource types ({@code Microsoft.Compute/virtualMachines}). FOCUS {@code ResourceName} and
 * {@code ResourceType}: a name the user gave, never the ID again.
 */
record ArmResource(String name, String type) {

	/**
	 * @return null for an ID that names no resource of a provider (a subscription, a resource group, a text that is
	 * no ID): its name and type are then unknown, a FOCUS null
	 */
	static @Nullable ArmResource parse(String resourceId) {
		String[] segments = resourceId.strip().replace('\\', '/').split("/");
		int providers = -1;
		for (int i = 0; i < segments.length; i++) {
			// the last "providers": an extension resource's ID nests its own provider in its parent's
			if ("providers".equalsIgnoreCase(segments[i])) {
				providers = i;
			}
		}
		// the namespace, then type/name pairs
		int pairs = (providers < 0) ? 0 : segments.length - providers - 2;
		if (pairs < 2 || pairs % 2 != 0 || segments[providers + 1].isBlank()) {
			return null;
		}
		List<String> type = new ArrayList<>(List.of(segments[providers + 1]));
		for (int i = providers + 2; i < segments.length; i += 2) {
			if (segments[i].isBlank() || segments[i + 1].isBlank()) {
				return null;
			}
			type.add(segments[i]);
		}
		return new ArmResource(segments[segments.length - 1], String.join("/", type));
	}

}
