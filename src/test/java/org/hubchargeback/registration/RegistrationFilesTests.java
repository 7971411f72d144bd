package org.hubchargeback.registration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.hubchargeback.config.HubChargebackProperties.Hub;
import org.hubchargeback.config.HubChargebackProperties.RegistrationSource;
import org.hubchargeback.config.HubChargebackProperties.UsageSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Saved registrations and user-subscription lists, in the shapes Azure Resource Manager, the Azure Stack Hub admin
 * API and PowerShell's {@code Export-Csv} produce (domain facts 4.3 and 5).
 */
class RegistrationFilesTests {

	static final String REGISTRATION_SUBSCRIPTION = "dd8597b4-8739-4467-8b10-f8679f62bfbf";

	static final String REGISTRATION_RESOURCE_ID = "/subscriptions/" + REGISTRATION_SUBSCRIPTION
			+ "/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/testregistration";

	static final String CUSTOMER_SUBSCRIPTIONS_URI = REGISTRATION_RESOURCE_ID + "/customerSubscriptions/";

	// the spec's List.json example, verbatim
	static final String SPEC_LIST = """
			{"value":[{
			  "id":"/subscriptions/dd8597b4-8739-4467-8b10-f8679f62bfbf/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/testregistration/customerSubscriptions/E09A4E93-29A7-4EBA-A6D4-76202383F07F",
			  "name":"testregistration/E09A4E93-29A7-4EBA-A6D4-76202383F07F",
			  "type":"Microsoft.AzureStack/registrations/customerSubscriptions",
			  "properties":{"tenantId":"dbab3982-796f-4d03-9908-044c08aef8a2"}}]}
			""";

	static final String CONTOSO = "dbab3982-796f-4d03-9908-044c08aef8a2";

	static final String CONTOSO_CSP = "E09A4E93-29A7-4EBA-A6D4-76202383F07F";

	static final String FABRIKAM = "104edf09-7fc1-459f-8c4e-b062db480b90";

	static final String FABRIKAM_CSP = "c2c2c2c2-0000-4000-8000-00000000c0c2";

	static final String TEST_SUBSCRIPTION = "c79389af-4480-48cc-8fa2-ee8ced8e843d";

	static final String CONTOSO_LOCAL = "5e000000-0000-4000-8000-0000000000ab";

	static final String PROVIDER = "/subscriptions/d16dfcf0-44cc-4498-9937-08b94159d27b";

	static final String EXPORT_CSV_HEADER = "\"DelegatedProviderSubscriptionId\",\"DisplayName\","
			+ "\"ExternalReferenceId\",\"Id\",\"OfferId\",\"Owner\",\"RoutingResourceManagerType\",\"State\","
			+ "\"SubscriptionId\",\"TenantId\"";

	@TempDir
	Path dir;

	@Test
	void readsTheCustomerSubscriptionsListAsArmReturnsIt() throws IOException {
		// given
		String json = """
				{"value":[
				  {"id":"%1$sE09A4E93-29A7-4EBA-A6D4-76202383F07F",
				   "name":"testregistration/E09A4E93-29A7-4EBA-A6D4-76202383F07F",
				   "type":"Microsoft.AzureStack/registrations/customerSubscriptions",
				   "etag":"\\"0e00ab2b-0000-0000-0000-5a82517f0000\\"",
				   "properties":{"tenantId":"dbab3982-796f-4d03-9908-044c08aef8a2"}},
				  {"id":"%1$sc2c2c2c2-0000-4000-8000-00000000c0c2",
				   "name":"testregistration/c2c2c2c2-0000-4000-8000-00000000c0c2",
				   "type":"Microsoft.AzureStack/registrations/customerSubscriptions",
				   "properties":{"tenantId":"104edf09-7fc1-459f-8c4e-b062db480b90"}}]}
				""".formatted(CUSTOMER_SUBSCRIPTIONS_URI);
		Path file = write("registration.json", json);
		Hub hub = hub(REGISTRATION_RESOURCE_ID, null, file, null);

		// when
		Registration registration = RegistrationFiles.readRegistration(hub);

		// then
		assertThat(registration.hub()).isEqualTo("east");
		assertThat(registration.defaultSubscriptionId()).isEqualTo(REGISTRATION_SUBSCRIPTION);
		assertThat(registration.customerSubscriptionsByTenant())
			.containsExactlyInAnyOrderEntriesOf(Map.of(CONTOSO, CONTOSO_CSP, FABRIKAM, FABRIKAM_CSP));
		assertThat(registration.snapshot().source()).isEqualTo(file.toString());
		assertThat(registration.snapshot().sha256()).isEqualTo(sha256(json));
		assertThat(registration.snapshot().id()).isEqualTo(sha256(json).substring(0, 12));
	}

	@Test
	void readsTheSpecExampleKeepingTheUppercaseCustomerSubscription() throws IOException {
		// given
		Hub hub = hub(REGISTRATION_RESOURCE_ID, null, write("registration.json", SPEC_LIST), null);

		// when
		Registration registration = RegistrationFiles.readRegistration(hub);

		// then
		assertThat(registration.customerSubscriptionsByTenant()).containsExactly(Map.entry(CONTOSO, CONTOSO_CSP));
		assertThat(registration.customerSubscriptionOf(CONTOSO)).contains("E09A4E93-29A7-4EBA-A6D4-76202383F07F");
	}

	@Test
	void uppercaseTenantIsKeyedLowercase() throws IOException {
		// given
		Hub hub = hub(REGISTRATION_RESOURCE_ID, null,
				write("registration.json", SPEC_LIST.replace(CONTOSO, CONTOSO.toUpperCase())), null);

		// when
		Registration registration = RegistrationFiles.readRegistration(hub);

		// then
		assertThat(registration.customerSubscriptionsByTenant()).containsExactly(Map.entry(CONTOSO, CONTOSO_CSP));
	}

	@Test
	void entryWithEmptyNameTakesTheSubscriptionFromItsId() throws IOException {
		// given
		String json = """
				{"value":[{"id":"%sE09A4E93-29A7-4EBA-A6D4-76202383F07F","name":"","type":"",
				  "properties":{"tenantId":"dbab3982-796f-4d03-9908-044c08aef8a2"}}]}
				""".formatted(CUSTOMER_SUBSCRIPTIONS_URI);
		Hub hub = hub(REGISTRATION_RESOURCE_ID, null, write("registration.json", json), null);

		// when
		Registration registration = RegistrationFiles.readRegistration(hub);

		// then
		assertThat(registration.customerSubscriptionsByTenant()).containsExactly(Map.entry(CONTOSO, CONTOSO_CSP));
	}

	@Test
	void emptyListIsARegistrationWithoutTenants() throws IOException {
		// given
		Hub hub = hub(REGISTRATION_RESOURCE_ID, null, write("registration.json", "{\"value\":[]}"), null);

		// when
		Registration registration = RegistrationFiles.readRegistration(hub);

		// then
		assertThat(registration.customerSubscriptionsByTenant()).isEmpty();
		assertThat(registration.defaultSubscriptionId()).isEqualTo(REGISTRATION_SUBSCRIPTION);
	}

	@Test
	void tenantMappedToTwoCustomerSubscriptionsIsRefused() throws IOException {
		// given: Azure overwrites the mapping, so two at once cannot come from a real registration
		String json = """
				{"value":[
				  {"name":"testregistration/E09A4E93-29A7-4EBA-A6D4-76202383F07F","properties":{"tenantId":"%1$s"}},
				  {"name":"testregistration/c2c2c2c2-0000-4000-8000-00000000c0c2","properties":{"tenantId":"%1$s"}}]}
				""".formatted(CONTOSO);
		Path file = write("registration.json", json);
		Hub hub = hub(REGISTRATION_RESOURCE_ID, null, file, null);

		// when
		RegistrationException thrown = catchThrowableOfType(RegistrationException.class,
				() -> RegistrationFiles.readRegistration(hub));

		// then
		assertThat(thrown).hasMessageContaining(file.toString())
			.hasMessageContaining("maps tenant " + CONTOSO + " to two customer subscriptions")
			.hasMessageContaining(CONTOSO_CSP)
			.hasMessageContaining(FABRIKAM_CSP);
	}

	@Test
	void invalidJsonIsRefusedNamingTheFile() throws IOException {
		// given
		Path file = write("registration.json", "{\"value\":[{\"name\":\"testregistration/");
		Hub hub = hub(REGISTRATION_RESOURCE_ID, null, file, null);

		// when
		RegistrationException thrown = catchThrowableOfType(RegistrationException.class,
				() -> RegistrationFiles.readRegistration(hub));

		// then
		assertThat(thrown).hasMessageStartingWith("Hub east: " + file + " is not valid JSON");
	}

	@Test
	void jsonWithoutValueArrayIsRefused() throws IOException {
		// given: a registration resource saved instead of its customerSubscriptions list
		Path file = write("registration.json", """
				{"id":"%s","name":"testregistration","type":"Microsoft.AzureStack/registrations",
				 "location":"global","properties":{"cloudId":"5bf881b2-6be7-42a1-9f47-d6fcb6737747"}}
				""".formatted(REGISTRATION_RESOURCE_ID));
		Hub hub = hub(REGISTRATION_RESOURCE_ID, null, file, null);

		// when
		RegistrationException thrown = catchThrowableOfType(RegistrationException.class,
				() -> RegistrationFiles.readRegistration(hub));

		// then
		assertThat(thrown)
			.hasMessage("Hub east: " + file + " is not a customerSubscriptions list (no \"value\" array)");
	}

	@Test
	void docsPlaceholderExampleIsRefused() throws IOException {
		// given: the csp-ref-operations doc example, with its placeholder IDs
		Path file = write("registration.json", """
				{"value":[{"id":" subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.AzureStack/registrations/{registrationName}/customerSubscriptions/{ cspSubscriptionId 1}",
				  "name":" cspSubscriptionId 1","type":"Microsoft.AzureStack\\\\customerSubscriptions","properties":{"tenantId":"tId1"}}]}
				""");
		Hub hub = hub(REGISTRATION_RESOURCE_ID, null, file, null);

		// when
		RegistrationException thrown = catchThrowableOfType(RegistrationException.class,
				() -> RegistrationFiles.readRegistration(hub));

		// then
		assertThat(thrown).hasMessageContaining("unusable ID 'cspSubscriptionId 1'");
	}

	@Test
	void tenantThatIsNotAGuidIsRefused() throws IOException {
		// given
		Path file = write("registration.json", SPEC_LIST.replace(CONTOSO, "contoso.onmicrosoft.com"));
		Hub hub = hub(REGISTRATION_RESOURCE_ID, null, file, null);

		// when
		RegistrationException thrown = catchThrowableOfType(RegistrationException.class,
				() -> RegistrationFiles.readRegistration(hub));

		// then
		assertThat(thrown)
			.hasMessageContaining("maps customer subscription " + CONTOSO_CSP + " to 'contoso.onmicrosoft.com'");
	}

	@Test
	void registrationWithByteOrderMarkIsRead() throws IOException {
		// given
		Hub hub = hub(REGISTRATION_RESOURCE_ID, null, write("registration.json", "\uFEFF" + SPEC_LIST), null);

		// when
		Registration registration = RegistrationFiles.readRegistration(hub);

		// then
		assertThat(registration.customerSubscriptionsByTenant()).containsExactly(Map.entry(CONTOSO, CONTOSO_CSP));
	}

	@Test
	void defaultSubscriptionIsTheSubscriptionOfTheRegistrationResource() {
		// given
		Hub hub = hub(REGISTRATION_RESOURCE_ID, null, this.dir.resolve("registration.json"), null);

		// when
		String defaultSubscription = RegistrationFiles.defaultSubscriptionOf(hub);

		// then
		assertThat(defaultSubscription).isEqualTo(REGISTRATION_SUBSCRIPTION);
	}

	@Test
	void registrationResourceIdWithoutLeadingSlashIsAccepted() {
		// given: as Remove-AzureRmResource -ResourceId writes it
		Hub hub = hub(REGISTRATION_RESOURCE_ID.substring(1), null, this.dir.resolve("registration.json"), null);

		// when
		String defaultSubscription = RegistrationFiles.defaultSubscriptionOf(hub);

		// then
		assertThat(defaultSubscription).isEqualTo(REGISTRATION_SUBSCRIPTION);
	}

	@Test
	void configuredDefaultThatAgreesWithTheResourceIdIsUsed() {
		// given: same subscription, other case
		Hub hub = hub(REGISTRATION_RESOURCE_ID, REGISTRATION_SUBSCRIPTION.toUpperCase(),
				this.dir.resolve("registration.json"), null);

		// when
		String defaultSubscription = RegistrationFiles.defaultSubscriptionOf(hub);

		// then
		assertThat(defaultSubscription).isEqualTo(REGISTRATION_SUBSCRIPTION.toUpperCase());
	}

	@Test
	void configuredDefaultAloneIsUsed() {
		// given
		Hub hub = hub(null, REGISTRATION_SUBSCRIPTION, this.dir.resolve("registration.json"), null);

		// when
		String defaultSubscription = RegistrationFiles.defaultSubscriptionOf(hub);

		// then
		assertThat(defaultSubscription).isEqualTo(REGISTRATION_SUBSCRIPTION);
	}

	@Test
	void configuredDefaultThatContradictsTheResourceIdIsRefused() {
		// given
		Hub hub = hub(REGISTRATION_RESOURCE_ID, FABRIKAM_CSP, this.dir.resolve("registration.json"), null);

		// when
		RegistrationException thrown = catchThrowableOfType(RegistrationException.class,
				() -> RegistrationFiles.defaultSubscriptionOf(hub));

		// then
		assertThat(thrown).hasMessage("Hub east: default-subscription-id " + FABRIKAM_CSP
				+ " is not the subscription of the registration resource (" + REGISTRATION_SUBSCRIPTION + ")");
	}

	@Test
	void hubWithoutAnyDefaultIsRefused() {
		// given
		Hub hub = hub(null, null, this.dir.resolve("registration.json"), null);

		// when
		RegistrationException thrown = catchThrowableOfType(RegistrationException.class,
				() -> RegistrationFiles.defaultSubscriptionOf(hub));

		// then
		assertThat(thrown).hasMessage("Hub east: set default-subscription-id or registration-resource-id");
	}

	@Test
	void resourceIdOfAnotherResourceTypeIsRefused() {
		// given
		String vm = "/subscriptions/" + REGISTRATION_SUBSCRIPTION
				+ "/resourceGroups/azurestack/providers/Microsoft.Compute/virtualMachines/vm1";
		Hub hub = hub(vm, null, this.dir.resolve("registration.json"), null);

		// when
		RegistrationException thrown = catchThrowableOfType(RegistrationException.class,
				() -> RegistrationFiles.defaultSubscriptionOf(hub));

		// then
		assertThat(thrown).hasMessageContaining("is not a Microsoft.AzureStack/registrations resource ID");
	}

	@Test
	void readsTheAdminSubscriptionsListJson() throws IOException {
		// given: the Microsoft.Subscriptions.Admin Get.json example in a list, one ID uppercase
		String json = """
				{"value":[
				 {"id":"/subscriptions/d16dfcf0-44cc-4498-9937-08b94159d27b/providers/Microsoft.Subscriptions.Admin/subscriptions/c79389af-4480-48cc-8fa2-ee8ced8e843d",
				  "subscriptionId":"c79389af-4480-48cc-8fa2-ee8ced8e843d","delegatedProviderSubscriptionId":"d16dfcf0-44cc-4498-9937-08b94159d27b",
				  "displayName":"Test Subscription","owner":"tenantadmin1@msazurestack.onmicrosoft.com","tenantId":"104edf09-7fc1-459f-8c4e-b062db480b90",
				  "routingResourceManagerType":"Default","offerId":"/subscriptions/d16dfcf0-44cc-4498-9937-08b94159d27b/resourceGroups/planrg/providers/Microsoft.Subscriptions.Admin/offers/testoffer","state":"Enabled"},
				 {"subscriptionId":"5E000000-0000-4000-8000-0000000000AB","tenantId":"DBAB3982-796F-4D03-9908-044C08AEF8A2","state":"Disabled"}]}
				""";
		Path file = write("user-subscriptions.json", json);
		Hub hub = hub(REGISTRATION_RESOURCE_ID, null, this.dir.resolve("registration.json"), file);

		// when
		UserSubscriptions subscriptions = RegistrationFiles.readUserSubscriptions(hub);

		// then
		assertThat(subscriptions.tenantsBySubscription()).containsExactlyInAnyOrderEntriesOf(
				Map.of(TEST_SUBSCRIPTION, FABRIKAM, CONTOSO_LOCAL, CONTOSO));
		assertThat(subscriptions.source()).isEqualTo(file.toString());
		assertThat(subscriptions.sha256()).isEqualTo(sha256(json));
	}

	@Test
	void readsTheAdminSubscriptionsListJsonWithByteOrderMark() throws IOException {
		// given
		Path file = write("user-subscriptions.json", "\uFEFF{\"value\":[{\"subscriptionId\":"
				+ "\"c79389af-4480-48cc-8fa2-ee8ced8e843d\",\"tenantId\":\"104edf09-7fc1-459f-8c4e-b062db480b90\"}]}");
		Hub hub = hub(REGISTRATION_RESOURCE_ID, null, this.dir.resolve("registration.json"), file);

		// when
		UserSubscriptions subscriptions = RegistrationFiles.readUserSubscriptions(hub);

		// then
		assertThat(subscriptions.tenantsBySubscription())
			.containsExactly(Map.entry("c79389af-4480-48cc-8fa2-ee8ced8e843d", FABRIKAM));
	}

	@Test
	void readsAPowerShellExportCsvWithByteOrderMark() throws IOException {
		// given: Get-AzsUserSubscription | Export-Csv -NoTypeInformation -Encoding UTF8; null values are unquoted
		String csv = "\uFEFF" + EXPORT_CSV_HEADER + "\r\n"
				+ "\"d16dfcf0-44cc-4498-9937-08b94159d27b\",\"Test Subscription\",,"
				+ "\"" + PROVIDER + "/providers/Microsoft.Subscriptions.Admin/subscriptions/" + TEST_SUBSCRIPTION
				+ "\","
				+ "\"" + PROVIDER + "/resourceGroups/planrg/providers/Microsoft.Subscriptions.Admin/offers/testoffer\","
				+ "\"tenantadmin1@msazurestack.onmicrosoft.com\",\"Default\",\"Enabled\","
				+ "\"C79389AF-4480-48CC-8FA2-EE8CED8E843D\",\"104EDF09-7FC1-459F-8C4E-B062DB480B90\"\r\n"
				+ "\"d16dfcf0-44cc-4498-9937-08b94159d27b\",\"Contoso \"\"Prod\"\"\",,\"\",\"\","
				+ "\"admin@contoso.onmicrosoft.com\",\"Default\",\"Enabled\","
				+ "\"5e000000-0000-4000-8000-0000000000ab\",\"dbab3982-796f-4d03-9908-044c08aef8a2\"\r\n"
				+ "\"d16dfcf0-44cc-4498-9937-08b94159d27b\",\"No tenant\",,\"\",\"\",\"\",\"Default\",\"Enabled\","
				+ "\"5e000000-0000-4000-8000-0000000000ff\",\r\n";
		Path file = write("user-subscriptions.csv", csv);
		Hub hub = hub(REGISTRATION_RESOURCE_ID, null, this.dir.resolve("registration.json"), file);

		// when
		UserSubscriptions subscriptions = RegistrationFiles.readUserSubscriptions(hub);

		// then: a subscription without a tenant is left out, so it charges the default subscription
		assertThat(subscriptions.tenantsBySubscription()).containsExactlyInAnyOrderEntriesOf(
				Map.of(TEST_SUBSCRIPTION, FABRIKAM, CONTOSO_LOCAL, CONTOSO));
		assertThat(subscriptions.tenantOf("5e000000-0000-4000-8000-0000000000ff")).isEmpty();
		assertThat(subscriptions.sha256()).isEqualTo(sha256(csv));
	}

	@Test
	void readsAWindowsPowerShellExportCsvWithTypeLine() throws IOException {
		// given
		String csv = "#TYPE Microsoft.AzureStack.Management.Subscriptions.Admin.Models.Subscription\r\n"
				+ EXPORT_CSV_HEADER + "\r\n"
				+ "\"d16dfcf0-44cc-4498-9937-08b94159d27b\",\"Test Subscription\",,\"\",\"\",\"\",\"Default\","
				+ "\"Enabled\",\"c79389af-4480-48cc-8fa2-ee8ced8e843d\",\"104edf09-7fc1-459f-8c4e-b062db480b90\"\r\n";
		Path file = write("user-subscriptions.csv", csv);
		Hub hub = hub(REGISTRATION_RESOURCE_ID, null, this.dir.resolve("registration.json"), file);

		// when
		UserSubscriptions subscriptions = RegistrationFiles.readUserSubscriptions(hub);

		// then
		assertThat(subscriptions.tenantsBySubscription())
			.containsExactly(Map.entry("c79389af-4480-48cc-8fa2-ee8ced8e843d", FABRIKAM));
	}

	@Test
	void nonGuidSubscriptionInTheAdminListIsRefused() throws IOException {
		// given
		Path file = write("user-subscriptions.json",
				"{\"value\":[{\"subscriptionId\":\"Test Subscription\",\"tenantId\":\"" + FABRIKAM + "\"}]}");
		Hub hub = hub(REGISTRATION_RESOURCE_ID, null, this.dir.resolve("registration.json"), file);

		// when
		RegistrationException thrown = catchThrowableOfType(RegistrationException.class,
				() -> RegistrationFiles.readUserSubscriptions(hub));

		// then
		assertThat(thrown)
			.hasMessage("Hub east: " + file + " lists subscription 'Test Subscription', which is not a GUID");
	}

	@Test
	void nonGuidSubscriptionInTheCsvIsRefused() throws IOException {
		// given
		Path file = write("user-subscriptions.csv",
				"\"SubscriptionId\",\"TenantId\"\r\n\"c79389af-4480-48cc-8fa2\",\"" + FABRIKAM + "\"\r\n");
		Hub hub = hub(REGISTRATION_RESOURCE_ID, null, this.dir.resolve("registration.json"), file);

		// when
		RegistrationException thrown = catchThrowableOfType(RegistrationException.class,
				() -> RegistrationFiles.readUserSubscriptions(hub));

		// then
		assertThat(thrown)
			.hasMessage("Hub east: " + file + " lists subscription 'c79389af-4480-48cc-8fa2', which is not a GUID");
	}

	@Test
	void nonGuidTenantInTheAdminListIsRefused() throws IOException {
		// given
		Path file = write("user-subscriptions.json", "{\"value\":[{\"subscriptionId\":"
				+ "\"c79389af-4480-48cc-8fa2-ee8ced8e843d\",\"tenantId\":\"contoso.onmicrosoft.com\"}]}");
		Hub hub = hub(REGISTRATION_RESOURCE_ID, null, this.dir.resolve("registration.json"), file);

		// when
		RegistrationException thrown = catchThrowableOfType(RegistrationException.class,
				() -> RegistrationFiles.readUserSubscriptions(hub));

		// then
		assertThat(thrown).hasMessageContaining("the tenant 'contoso.onmicrosoft.com', which is not a GUID");
	}

	@Test
	void csvWithoutTenantColumnIsRefused() throws IOException {
		// given: Usagesummary.ps1 keeps only SubscriptionId, Owner and DisplayName
		Path file = write("user-subscriptions.csv", "\"SubscriptionId\",\"Owner\",\"DisplayName\"\r\n"
				+ "\"" + TEST_SUBSCRIPTION + "\",\"tenantadmin1@msazurestack.onmicrosoft.com\",\"Test\"\r\n");
		Hub hub = hub(REGISTRATION_RESOURCE_ID, null, this.dir.resolve("registration.json"), file);

		// when
		RegistrationException thrown = catchThrowableOfType(RegistrationException.class,
				() -> RegistrationFiles.readUserSubscriptions(hub));

		// then
		assertThat(thrown).hasMessageContaining("needs SubscriptionId and TenantId columns");
	}

	@Test
	void adminListWithoutValueArrayIsRefused() throws IOException {
		// given: a single subscription (Get.json) saved instead of the list
		Path file = write("user-subscriptions.json", "{\"subscriptionId\":\"c79389af-4480-48cc-8fa2-ee8ced8e843d\","
				+ "\"tenantId\":\"104edf09-7fc1-459f-8c4e-b062db480b90\"}");
		Hub hub = hub(REGISTRATION_RESOURCE_ID, null, this.dir.resolve("registration.json"), file);

		// when
		RegistrationException thrown = catchThrowableOfType(RegistrationException.class,
				() -> RegistrationFiles.readUserSubscriptions(hub));

		// then
		assertThat(thrown)
			.hasMessageContaining("is not a Microsoft.Subscriptions.Admin subscriptions list (no \"value\" array)");
	}

	@Test
	void hubWithoutUserSubscriptionsFileHasNone() {
		// given
		Hub hub = hub(REGISTRATION_RESOURCE_ID, null, this.dir.resolve("registration.json"), null);

		// when
		UserSubscriptions subscriptions = RegistrationFiles.readUserSubscriptions(hub);

		// then
		assertThat(subscriptions.tenantsBySubscription()).isEmpty();
		assertThat(subscriptions.sha256()).isEmpty();
	}

	private Path write(String name, String text) throws IOException {
		return Files.writeString(this.dir.resolve(name), text, StandardCharsets.UTF_8);
	}

	private static Hub hub(String registrationResourceId, String defaultSubscriptionId, Path registrationFile,
			Path userSubscriptionsFile) {
		return new Hub("east", registrationResourceId, defaultSubscriptionId, RegistrationSource.FILE, registrationFile,
				userSubscriptionsFile, List.of(), "en-US", UsageSource.FILES);
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
