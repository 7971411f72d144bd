package org.hubchargeback.resolution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.hubchargeback.config.HubChargebackProperties.Hub;
import org.hubchargeback.config.HubChargebackProperties.RegistrationSource;
import org.hubchargeback.config.HubChargebackProperties.UsageSource;
import org.hubchargeback.registration.Registration;
import org.hubchargeback.registration.RegistrationFiles;
import org.hubchargeback.registration.UserSubscriptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The charging rule: a registered tenant's customer subscription pays, everything else falls to the hub
 * registration's default subscription (domain facts 5, "Mapping chain").
 */
class TenantResolverTests {

	static final String DEFAULT_SUBSCRIPTION = "dd8597b4-8739-4467-8b10-f8679f62bfbf";

	static final String CONTOSO = "dbab3982-796f-4d03-9908-044c08aef8a2";

	static final String FABRIKAM = "104edf09-7fc1-459f-8c4e-b062db480b90";

	static final String NORTHWIND = "2b3697e6-0000-4000-8000-000000000003";

	// customer subscription IDs are case sensitive; the spec example registers this one uppercase
	static final String CONTOSO_CSP = "E09A4E93-29A7-4EBA-A6D4-76202383F07F";

	static final String FABRIKAM_CSP = "c2c2c2c2-0000-4000-8000-00000000c0c2";

	static final String CONTOSO_LOCAL = "c79389af-4480-48cc-8fa2-ee8ced8e843d";

	static final String FABRIKAM_LOCAL = "5e000000-0000-4000-8000-000000000002";

	static final String NORTHWIND_LOCAL = "5e000000-0000-4000-8000-000000000003";

	static final String ORPHAN_LOCAL = "5e000000-0000-4000-8000-0000000000ff";

	final TenantResolver resolver = new TenantResolver(
			new Registration("east", DEFAULT_SUBSCRIPTION, Map.of(CONTOSO, CONTOSO_CSP, FABRIKAM, FABRIKAM_CSP),
					new Registration.Snapshot("east/registration.json", "0".repeat(64))),
			new UserSubscriptions("east/user-subscriptions.json",
					Map.of(CONTOSO_LOCAL, CONTOSO, FABRIKAM_LOCAL, FABRIKAM, NORTHWIND_LOCAL, NORTHWIND), ""));

	@Nested
	class RegisteredTenant {

		@Test
		void chargesTheCustomerSubscriptionSpelledAsRegistered() {
			// given
			String subscription = CONTOSO_LOCAL;

			// when
			Resolution resolution = TenantResolverTests.this.resolver.resolve(subscription, null);

			// then
			assertThat(resolution).isEqualTo(new Resolution(CONTOSO, CONTOSO_CSP, ChargeReason.REGISTERED, null));
			assertThat(resolution.chargedSubscriptionId()).isEqualTo("E09A4E93-29A7-4EBA-A6D4-76202383F07F");
		}

		@Test
		void chargesTheCustomerSubscriptionOfTheTenantTheRecordNames() {
			// given: a subscription missing from the user-subscription list
			String subscription = ORPHAN_LOCAL;

			// when
			Resolution resolution = TenantResolverTests.this.resolver.resolve(subscription, FABRIKAM);

			// then
			assertThat(resolution).isEqualTo(new Resolution(FABRIKAM, FABRIKAM_CSP, ChargeReason.REGISTERED, null));
		}

	}

	@Nested
	class TenantGuidCase {

		@TempDir
		Path dir;

		@Test
		void registrationFilesHandTheResolverLowercaseKeys() throws IOException {
			// given: the registration and the user subscriptions spell every GUID uppercase
			Path registration = Files.writeString(this.dir.resolve("registration.json"),
					"{\"value\":[{\"name\":\"reg/" + CONTOSO_CSP + "\",\"properties\":{\"tenantId\":\""
							+ CONTOSO.toUpperCase() + "\"}}]}");
			Path userSubscriptions = Files.writeString(this.dir.resolve("user-subscriptions.json"),
					"{\"value\":[{\"subscriptionId\":\"" + CONTOSO_LOCAL.toUpperCase() + "\",\"tenantId\":\""
							+ CONTOSO.toUpperCase() + "\"}]}");
			Hub hub = new Hub("east", null, DEFAULT_SUBSCRIPTION, RegistrationSource.FILE, registration, userSubscriptions, List.of(), "en-US", UsageSource.FILES);

			// when
			Registration read = RegistrationFiles.readRegistration(hub);
			UserSubscriptions subscriptions = RegistrationFiles.readUserSubscriptions(hub);
			Resolution resolution = new TenantResolver(read, subscriptions).resolve(CONTOSO_LOCAL, null);

			// then
			assertThat(read.customerSubscriptionsByTenant()).containsExactly(Map.entry(CONTOSO, CONTOSO_CSP));
			assertThat(subscriptions.tenantsBySubscription()).containsExactly(Map.entry(CONTOSO_LOCAL, CONTOSO));
			assertThat(resolution).isEqualTo(new Resolution(CONTOSO, CONTOSO_CSP, ChargeReason.REGISTERED, null));
		}

		@Test
		void lowercaseRecordTenantFindsAnUppercaseRegisteredTenant() throws IOException {
			// given
			Path registration = Files.writeString(this.dir.resolve("registration.json"),
					"{\"value\":[{\"name\":\"reg/" + CONTOSO_CSP + "\",\"properties\":{\"tenantId\":\""
							+ CONTOSO.toUpperCase() + "\"}}]}");
			Hub hub = new Hub("east", null, DEFAULT_SUBSCRIPTION, RegistrationSource.FILE, registration, null, List.of(), "en-US", UsageSource.FILES);
			TenantResolver resolver = new TenantResolver(RegistrationFiles.readRegistration(hub),
					RegistrationFiles.readUserSubscriptions(hub));

			// when
			Resolution resolution = resolver.resolve(ORPHAN_LOCAL, CONTOSO);

			// then
			assertThat(resolution).isEqualTo(new Resolution(CONTOSO, CONTOSO_CSP, ChargeReason.REGISTERED, null));
		}

	}

	@Nested
	class UnregisteredTenant {

		@Test
		void fallsToTheDefaultSubscription() {
			// given: Northwind has a local subscription but no customer subscription on the registration
			String subscription = NORTHWIND_LOCAL;

			// when
			Resolution resolution = TenantResolverTests.this.resolver.resolve(subscription, null);

			// then
			assertThat(resolution).isEqualTo(new Resolution(NORTHWIND, DEFAULT_SUBSCRIPTION, ChargeReason.DEFAULT,
					DefaultReason.TENANT_NOT_REGISTERED));
		}

	}

	@Nested
	class SubscriptionWithoutTenant {

		@Test
		void unknownSubscriptionWithoutRecordTenantFallsToTheDefaultWithNoTenant() {
			// given
			String subscription = ORPHAN_LOCAL;

			// when
			Resolution resolution = TenantResolverTests.this.resolver.resolve(subscription, null);

			// then
			assertThat(resolution).isEqualTo(new Resolution(null, DEFAULT_SUBSCRIPTION, ChargeReason.DEFAULT,
					DefaultReason.SUBSCRIPTION_WITHOUT_TENANT));
		}

		@Test
		void hubWithoutUserSubscriptionsFallsToTheDefault() {
			// given
			TenantResolver resolver = new TenantResolver(TenantResolverTests.this.resolver.registration(),
					UserSubscriptions.none());

			// when
			Resolution resolution = resolver.resolve(CONTOSO_LOCAL, null);

			// then
			assertThat(resolution).isEqualTo(new Resolution(null, DEFAULT_SUBSCRIPTION, ChargeReason.DEFAULT,
					DefaultReason.SUBSCRIPTION_WITHOUT_TENANT));
		}

	}

	@Nested
	class RecordTenantWins {

		@Test
		void overTheTenantOfTheSubscriptionList() {
			// given: the list says Contoso owns this subscription, the record says Fabrikam
			String subscription = CONTOSO_LOCAL;

			// when
			Resolution resolution = TenantResolverTests.this.resolver.resolve(subscription, FABRIKAM);

			// then
			assertThat(resolution).isEqualTo(new Resolution(FABRIKAM, FABRIKAM_CSP, ChargeReason.REGISTERED, null));
		}

		@Test
		void evenWhenTheRecordTenantIsUnregistered() {
			// given: the list tenant (Contoso) is registered, the record's tenant (Northwind) is not
			String subscription = CONTOSO_LOCAL;

			// when
			Resolution resolution = TenantResolverTests.this.resolver.resolve(subscription, NORTHWIND);

			// then
			assertThat(resolution).isEqualTo(new Resolution(NORTHWIND, DEFAULT_SUBSCRIPTION, ChargeReason.DEFAULT,
					DefaultReason.TENANT_NOT_REGISTERED));
		}

	}

}
