package org.hubchargeback;

import java.nio.file.Path;
import java.util.Map;

/**
 * The smallest installation a whole-job test needs: hub {@code east} with its default subscription, one tenant
 * registered to a customer subscription, and one hub subscription of that tenant.
 */
public final class OneHub {

	public static final String DEFAULT = "11111111-1111-4111-8111-111111111111";

	public static final String TENANT = "aaaaaaaa-0000-4000-8000-000000000001";

	public static final String CSP = "c1c1c1c1-0000-4000-8000-00000000c0c1";

	public static final String LOCAL = "5e000000-0000-4000-8000-000000000001";

	public static final String BASE_VM = "fab6eb84-500b-4a09-a8ca-7358f8bbaea5";

	private OneHub() {
	}

	public static Workspace workspace(Path root) {
		return new Workspace(root).hub("east", DEFAULT, "en-US", Map.of(TENANT, CSP), Map.of(LOCAL, TENANT));
	}

}
