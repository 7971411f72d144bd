package org.hubchargeback.registration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.hubchargeback.Workspace;
import org.hubchargeback.Workspace.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hubchargeback.Workspace.csv;

/**
 * The registration read from Azure Resource Manager through the SDK, against {@link FakeResourceManager} on
 * loopback: nightly runs, dated snapshots, the fallback when Azure is down, and the registration commands.
 */
class AzureRegistrationTests {

	static final String DEFAULT_SUBSCRIPTION = "dd8597b4-8739-4467-8b10-f8679f62bfbf";

	static final String REGISTRATION = "/subscriptions/" + DEFAULT_SUBSCRIPTION
			+ "/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/azurestack-east";

	static final String CONTOSO = "dbab3982-796f-4d03-9908-044c08aef8a2";

	static final String FABRIKAM = "aaaaaaaa-0000-4000-8000-000000000002";

	static final String NORTHWIND = "aaaaaaaa-0000-4000-8000-000000000003";

	// as in the specification's example: the customer subscription is uppercase
	static final String CONTOSO_CSP = "E09A4E93-29A7-4EBA-A6D4-76202383F07F";

	static final String FABRIKAM_CSP = "c2c2c2c2-0000-4000-8000-00000000c0c2";

	static final String NORTHWIND_CSP = "c3c3c3c3-0000-4000-8000-00000000c0c3";

	static final String CONTOSO_LOCAL = "5e000000-0000-4000-8000-000000000001";

	static final String NORTHWIND_LOCAL = "5e000000-0000-4000-8000-000000000003";

	static final String BASE_VM = "fab6eb84-500b-4a09-a8ca-7358f8bbaea5";

	@TempDir
	Path dir;

	FakeResourceManager arm;

	Workspace workspace;

	@BeforeEach
	void azure() {
		this.arm = new FakeResourceManager();
		// three customer subscriptions over two pages: the third is only on the nextLink page
		Map<String, String> customers = new LinkedHashMap<>();
		customers.put(CONTOSO_CSP, CONTOSO);
		customers.put(FABRIKAM_CSP, FABRIKAM);
		customers.put(NORTHWIND_CSP, NORTHWIND);
		this.arm.registration(REGISTRATION, customers);
		this.workspace = new Workspace(this.dir).settings(azureSettings("2022-06-01"))
			.azureHub("east", REGISTRATION, Map.of(CONTOSO_LOCAL, CONTOSO, NORTHWIND_LOCAL, NORTHWIND));
		this.workspace.write("east/usage/a.csv", "UsageStartTime,UsageEndTime,SubscriptionId,MeterId,Quantity,ResourceUri\n"
				+ usage(CONTOSO_LOCAL, 16) + usage(NORTHWIND_LOCAL, 16) + usage(CONTOSO_LOCAL, 17)
				+ usage(NORTHWIND_LOCAL, 17));
	}

	String azureSettings(String apiVersion) {
		return "  azure:\n    resource-manager-endpoint: " + this.arm.endpoint() + "\n    api-version: " + apiVersion
				+ "\n    credential: access-token\n    access-token: " + FakeResourceManager.TOKEN
				+ "\n    trust-store: " + this.arm.trustStore() + "\n    trust-store-password: "
				+ FakeResourceManager.STORE_PASSWORD + "\n    max-retries: 2\n    retry-delay: PT0.05S\n"
				+ "    max-retry-delay: PT2S\n";
	}

	static String usage(String subscription, int day) {
		return String.format("2026-11-%02dT10:00:00Z,2026-11-%02dT11:00:00Z,%s,%s,1,/subscriptions/%s/vm%n", day, day,
				subscription, BASE_VM, subscription);
	}

	// the Azure SDK reads its environment variables from system properties of the same names first
	static final List<String> AZURE_VARIABLES = List.of("AZURE_AUTHORITY_HOST", "AZURE_TENANT_ID", "AZURE_CLIENT_ID",
			"AZURE_CLIENT_SECRET");

	@AfterEach
	void stop() {
		this.arm.close();
		AZURE_VARIABLES.forEach(System::clearProperty);
	}

	Path chargeback(String day, String subscription) {
		return this.workspace.range(day, day).resolve("chargeback/" + subscription + ".csv");
	}

	@Test
	void nightlyReadsEveryPageOfTheRegistrationFromAzureAndRecordsTheSnapshot() {
		// when
		Result result = this.workspace.run("--nightly", "--hub-chargeback.clock=2026-11-17T07:00:00Z");

		// then Northwind, listed on the second page, is charged to its customer subscription
		assertThat(result.exitCode()).isZero();
		assertThat(csv(chargeback("2026-11-16", NORTHWIND_CSP))).singleElement()
			.satisfies((r) -> assertThat(r).containsEntry("ChargeReason", "REGISTERED"));
		assertThat(csv(chargeback("2026-11-16", CONTOSO_CSP))).hasSize(1);
		assertThat(this.arm.requests()).containsExactly("GET " + REGISTRATION + "?api-version=2022-06-01",
				"GET " + REGISTRATION + "/customerSubscriptions?api-version=2022-06-01",
				"GET " + REGISTRATION + "/customerSubscriptions?api-version=2022-06-01&$skipToken=2");
		JsonNode snapshot = Workspace.json(this.workspace.range("2026-11-16", "2026-11-16").resolve("manifest.json"))
			.path("hubs")
			.get(0)
			.path("registrationSnapshot");
		assertThat(snapshot.path("snapshotId").asLong()).isEqualTo(1);
		assertThat(snapshot.path("customerSubscriptions").asInt()).isEqualTo(3);
		assertThat(snapshot.path("source").asString()).isEqualTo(this.arm.endpoint() + REGISTRATION);
		assertThat(snapshot.path("cloudId").asString()).isEqualTo(FakeResourceManager.CLOUD_ID);

		Result list = this.workspace.run("--list-snapshots");
		assertThat(list.stdout()).contains("1,east,2026-11-17T07:00:00Z,2022-06-01,3,");
	}

	@Test
	void olderApiVersionWorksToo() {
		// given
		Workspace old = new Workspace(this.dir).settings(azureSettings("2017-06-01"))
			.azureHub("east", REGISTRATION, Map.of(CONTOSO_LOCAL, CONTOSO));

		// when
		Result result = old.run("--from=2026-11-16");

		// then
		assertThat(result.exitCode()).isZero();
		assertThat(this.arm.requests()).allSatisfy((r) -> assertThat(r).contains("api-version=2017-06-01"));
	}

	@Test
	void whenAzureIsDownTheLastGoodSnapshotIsUsedAndTheRunSaysSo() throws Exception {
		// given a good night
		assertThat(this.workspace.run("--nightly", "--hub-chargeback.clock=2026-11-17T07:00:00Z").exitCode()).isZero();

		// when Azure cannot be reached the next night
		this.arm.close();
		Result result = this.workspace.run("--nightly", "--hub-chargeback.clock=2026-11-18T07:00:00Z");

		// then usage is still charged to the customer subscriptions, loudly, with a distinct exit code
		assertThat(result.exitCode()).isEqualTo(3);
		assertThat(result.stdout()).contains("2026-11-17 run 1 COMPLETED");
		assertThat(result.stderr()).contains("WARNING: Hub east: the registration could not be read from Azure")
			.contains("charged with snapshot 1 fetched 2026-11-17T07:00:00Z");
		assertThat(csv(chargeback("2026-11-17", NORTHWIND_CSP))).singleElement()
			.satisfies((r) -> assertThat(r).containsEntry("ChargeReason", "REGISTERED"));
		Path range = this.workspace.range("2026-11-17", "2026-11-17");
		assertThat(Files.readString(range.resolve("WARNINGS.txt"))).contains("snapshot 1");
		assertThat(csv(range.resolve("summary.csv"))).allSatisfy((r) -> assertThat(r.get("Warnings"))
			.contains("could not be read from Azure"));
		JsonNode manifest = Workspace.json(range.resolve("manifest.json"));
		assertThat(manifest.path("warnings").get(0).asString()).contains("could not be read from Azure");
		assertThat(manifest.path("hubs").get(0).path("registrationSnapshot").path("snapshotId").asLong()).isEqualTo(1);
	}

	@Test
	void withoutAnyEarlierSnapshotAnUnreachableAzureFailsTheRunRatherThanChargeTheDefaultSubscription() {
		// given
		this.arm.close();

		// when
		Result result = this.workspace.run("--from=2026-11-16");

		// then
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.stderr()).contains("is not reachable").contains("no earlier snapshot to fall back on");
		assertThat(this.workspace.range("2026-11-16", "2026-11-16")).doesNotExist();
	}

	@Test
	void throttlingAndServerErrorsAreRetriedHonouringRetryAfter() {
		// given one 429 asking for a one-second pause, then one 500
		this.arm.fail("GET", "/customerSubscriptions", 429, "TooManyRequests", 1, Map.of("Retry-After", "1"))
			.fail("GET", "/customerSubscriptions", 500, "InternalServerError", 1, Map.of());

		// when
		Result result = this.workspace.run("--from=2026-11-16");

		// then
		assertThat(result.exitCode()).isZero();
		List<String> lists = this.arm.requests()
			.stream()
			.filter((r) -> r.startsWith("GET " + REGISTRATION + "/customerSubscriptions?api-version=2022-06-01"))
			.filter((r) -> !r.contains("skipToken"))
			.toList();
		assertThat(lists).hasSize(3);
		List<Long> times = this.arm.requestTimes();
		// the first list request is the 2nd request overall; the retry after the 429 is the 3rd
		assertThat(TimeUnit.NANOSECONDS.toMillis(times.get(2) - times.get(1))).isGreaterThanOrEqualTo(900);
	}

	@Test
	void registerCustomerAddsTheSubscriptionThenShowsTheRegistration() {
		// given a new tenant, and an existing customer subscription spelled in another case
		String wingtip = "aaaaaaaa-0000-4000-8000-000000000004";
		String wingtipCsp = "c4c4c4c4-0000-4000-8000-00000000c0c4";

		// when
		Result result = this.workspace.run("--register-customer", "--hub=east", "--customer-subscription=" + wingtipCsp,
				"--tenant=" + wingtip);
		Result caseOnly = this.workspace.run("--register-customer", "--hub=east",
				"--customer-subscription=" + CONTOSO_CSP.toLowerCase(), "--tenant=" + CONTOSO);

		// then
		assertThat(result.exitCode()).isZero();
		assertThat(result.stdout()).contains("registered customer subscription " + wingtipCsp)
			.contains("tenant " + wingtip + "  ->  " + wingtipCsp)
			.contains("tenant " + CONTOSO + "  ->  " + CONTOSO_CSP);
		assertThat(this.arm.requests()).contains("PUT " + REGISTRATION + "/customerSubscriptions/" + wingtipCsp
				+ "?api-version=2022-06-01");
		assertThat(this.arm.customerSubscriptions(REGISTRATION)).containsEntry(wingtipCsp, wingtip);
		assertThat(caseOnly.stderr()).contains("WARNING: east already has customer subscription " + CONTOSO_CSP
				+ ", which differs from " + CONTOSO_CSP.toLowerCase() + " only in case");
		assertThat(this.workspace.run("--list-snapshots").stdout()).contains("\n2,east,").contains("\n1,east,");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"404|RegistrationNotFound|check the subscription, resource group and registration name",
			"400|BadCustomerSubscriptionId|not owned by the same CSP partner",
			"400|InvalidCustomerSubscriptionId|give an existing Azure subscription ID",
			"404|CustomerSubscriptionNotFound|is not on this registration",
			"403|UnauthorizedCspRegistration|email azstcsp@microsoft.com",
			"409|CustomerSubscriptionsNotAllowed|re-register the hub with pay-as-you-use billing",
			"400|InvalidCSPSubscription|is not a CSP subscription",
			"502|MetadataResolverBadGatewayError|this is transient: retry later" })
	void registrationErrorsTellTheOperatorWhatToDo(int status, String code, String advice) {
		// given (5 answers: more than the retries of a transient error)
		this.arm.fail("PUT", "/customerSubscriptions/", status, code, 5, Map.of());

		// when
		Result result = this.workspace.run("--register-customer", "--hub=east",
				"--customer-subscription=" + FABRIKAM_CSP, "--tenant=" + FABRIKAM);

		// then
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.stderr()).contains(code + ": ").contains(advice);
	}

	@Test
	void unregisterCustomerNeedsConfirmation() {
		// when
		Result unconfirmed = this.workspace.run("--unregister-customer", "--hub=east",
				"--customer-subscription=" + FABRIKAM_CSP);
		Result confirmed = this.workspace.run("--unregister-customer", "--hub=east",
				"--customer-subscription=" + FABRIKAM_CSP, "--confirm");

		// then
		assertThat(unconfirmed.exitCode()).isEqualTo(2);
		assertThat(unconfirmed.stderr()).contains("Add --confirm");
		assertThat(confirmed.exitCode()).isZero();
		assertThat(this.arm.customerSubscriptions(REGISTRATION)).doesNotContainKey(FABRIKAM_CSP);
		assertThat(confirmed.stdout()).doesNotContain(FABRIKAM_CSP + "\n").contains("removed customer subscription");
	}

	@Test
	void aRerunPinnedToAnOlderSnapshotChargesAsThatSnapshotSaid() {
		// given run 1 with Northwind registered, then Northwind moved to another customer subscription in Azure
		assertThat(this.workspace.run("--from=2026-11-16").exitCode()).isZero();
		String newCsp = "c5c5c5c5-0000-4000-8000-00000000c0c5";
		this.arm.customerSubscriptions(REGISTRATION).remove(NORTHWIND_CSP);
		this.arm.customerSubscriptions(REGISTRATION).put(newCsp, NORTHWIND);

		// when
		Result latest = this.workspace.run("--from=2026-11-16");
		Result pinned = this.workspace.run("--from=2026-11-16", "--snapshot=1");
		Result diff = this.workspace.run("--diff-snapshots=1,2");

		// then
		assertThat(latest.stdout()).contains("run 2 COMPLETED");
		assertThat(pinned.stdout()).contains("run 3 COMPLETED");
		assertThat(csv(chargeback("2026-11-16", NORTHWIND_CSP))).hasSize(1);
		assertThat(this.workspace.range("2026-11-16", "2026-11-16").resolve("chargeback/" + newCsp + ".csv"))
			.doesNotExist();
		assertThat(diff.stdout()).contains("remapped  " + NORTHWIND + ": " + NORTHWIND_CSP + " -> " + newCsp);
	}

	@Test
	void validateRegistrationReportsWhatWouldBillTheWrongSubscription() {
		// given
		Map<String, String> customers = this.arm.customerSubscriptions(REGISTRATION);
		customers.put("c6c6c6c6-0000-4000-8000-00000000c0c6", CONTOSO);
		customers.put(DEFAULT_SUBSCRIPTION, "aaaaaaaa-0000-4000-8000-000000000007");
		customers.put("not-a-guid", "aaaaaaaa-0000-4000-8000-000000000008");

		// when
		Result result = this.workspace.run("--validate-registration");

		// then
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.stdout()).contains("tenant " + CONTOSO + " is mapped twice")
			.contains("customer subscription " + DEFAULT_SUBSCRIPTION + " is the default subscription")
			.contains("customer subscription 'not-a-guid' is not a GUID");
	}


	// issue 15: Azure's answers are checked, and only a transient failure is charged around

	void goodNight() {
		assertThat(this.workspace.run("--nightly", "--hub-chargeback.clock=2026-11-17T07:00:00Z").exitCode()).isZero();
	}

	Result nextNight() {
		return this.workspace.run("--nightly", "--hub-chargeback.clock=2026-11-18T07:00:00Z");
	}

	@Test
	void aCustomerSubscriptionsListWithoutValueFailsTheRunInsteadOfChargingTheDefaultSubscription() {
		// given the next night Azure answers the list with 200 and no value array
		goodNight();
		this.arm.answer("GET", "/customerSubscriptions", 200, "{\"nextLink\":null}", 10);

		// when
		Result result = nextNight();

		// then
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.stderr()).contains("2026-11-17 run 1 FAILED: Hub east: cannot list customer subscriptions:"
				+ " Azure answered " + this.arm.endpoint() + REGISTRATION + "/customerSubscriptions without a 'value' list"
				+ " ({\"nextLink\":null}); not charged as a registration without customer subscriptions; not charged"
				+ " with an older snapshot: this needs fixing, not waiting");
		assertThat(this.workspace.range("2026-11-17", "2026-11-17")).doesNotExist();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"401|ExpiredAuthenticationToken|the access token has expired: renew the client secret",
			"401|InvalidAuthenticationTokenAudience|set hub-chargeback.azure.scope",
			"401|InvalidAuthenticationToken|Azure refused the credentials: check the service principal",
			"403|AuthorizationFailed|grant it Contributor (or Reader to read)",
			"404|RegistrationNotFound|check the subscription, resource group and registration name",
			"404|ResourceGroupNotFound|check the subscription, resource group and registration name" })
	void aRefusalByAzureFailsTheRunWithWhatToDoRatherThanFallingBackEveryNight(int status, String code,
			String advice) {
		// given a good night, then a refusal
		goodNight();
		this.arm.fail("GET", "/registrations/", status, code, 10, Map.of());

		// when
		Result result = nextNight();

		// then
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.stderr()).contains("2026-11-17 run 1 FAILED: Hub east: cannot read the registration: ")
			.contains(code + ": ")
			.contains(advice)
			.contains("not charged with an older snapshot")
			.doesNotContain("WARNING");
		assertThat(this.workspace.range("2026-11-17", "2026-11-17")).doesNotExist();
	}

	@Test
	void aMissingTokenIsNamedAsACredentialProblemNotAnUnreachableAzure() {
		// given
		Workspace noToken = new Workspace(this.dir).settings(azureSettings("2022-06-01")
			.replace("    access-token: " + FakeResourceManager.TOKEN + "\n", ""))
			.azureHub("east", REGISTRATION, Map.of(CONTOSO_LOCAL, CONTOSO));

		// when
		Result result = noToken.run("--from=2026-11-16");

		// then
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.stderr()).contains("hub-chargeback.azure.credential is access-token, but no token is set")
			.doesNotContain("not reachable");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"trust-store-password: wrong|cannot use trust store",
			"trust-store: |is not trusted (" })
	void trustStoreProblemsAreNamedAsSuch(String setting, String message) {
		// given a wrong password, or no trust store for the endpoint's certificate
		String key = setting.substring(0, setting.indexOf(':'));
		String settings = azureSettings("2022-06-01").lines()
			.filter((line) -> !line.strip().startsWith(key + ":"))
			.collect(java.util.stream.Collectors.joining("\n", "", "\n"))
				+ (setting.endsWith(": ") ? "" : "    " + setting + "\n");
		Workspace workspace = new Workspace(this.dir).settings(settings)
			.azureHub("east", REGISTRATION, Map.of(CONTOSO_LOCAL, CONTOSO));

		// when
		Result result = workspace.run("--from=2026-11-16");

		// then
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.stderr()).contains(message).doesNotContain("not reachable");
	}

	@Test
	void aFreshReadThatLostMostTenantsIsChargedWithAWarningNamingWhatToCompare() {
		// given Azure lists only Contoso after a good night
		goodNight();
		this.arm.customerSubscriptions(REGISTRATION).remove(FABRIKAM_CSP);
		this.arm.customerSubscriptions(REGISTRATION).remove(NORTHWIND_CSP);

		// when
		Result result = this.workspace.run("--from=2026-11-16");

		// then
		assertThat(result.exitCode()).isEqualTo(3);
		assertThat(result.stderr()).contains("hub-chargeback: WARNING: Hub east: the registration read from Azure"
				+ " (snapshot 2) has lost 2 of the 3 tenants of snapshot 1 (fetched 2026-11-17T07:00:00Z); their usage"
				+ " is charged to the default subscription " + DEFAULT_SUBSCRIPTION + ". Compare with"
				+ " --diff-snapshots=1,2; if Azure is wrong, rerun the range with --snapshot=1");
		assertThat(this.workspace.range("2026-11-16", "2026-11-16").resolve("WARNINGS.txt")).content()
			.contains("has lost 2 of the 3 tenants");
	}

	@Test
	void registerCustomerAcceptedForLaterSaysAzureDoesNotShowItYet() {
		// given Azure accepts the PUT with a 202 and applies nothing yet
		this.arm.answer("PUT", "/customerSubscriptions/", 202, "", 1);
		String wingtip = "aaaaaaaa-0000-4000-8000-000000000004";
		String wingtipCsp = "c4c4c4c4-0000-4000-8000-00000000c0c4";

		// when
		Result result = this.workspace.run("--register-customer", "--hub=east", "--customer-subscription=" + wingtipCsp,
				"--tenant=" + wingtip);

		// then
		assertThat(result.exitCode()).isEqualTo(3);
		assertThat(result.stderr()).contains("hub-chargeback: WARNING: east: Azure accepted the registration of "
				+ wingtipCsp + " for tenant " + wingtip + " (HTTP 202) but does not show it yet (snapshot 1); check"
				+ " with --fetch-registrations --hub=east before charging on it");
		assertThat(result.stdout()).doesNotContain("registered customer subscription");
	}

	@Test
	void unregisteringASubscriptionThatIsNotThereSaysSoAndRemovesNothing() {
		// when
		Result absent = this.workspace.run("--unregister-customer", "--hub=east",
				"--customer-subscription=c9c9c9c9-0000-4000-8000-00000000c0c9", "--confirm");
		Result otherCase = this.workspace.run("--unregister-customer", "--hub=east",
				"--customer-subscription=" + CONTOSO_CSP.toLowerCase(), "--confirm");

		// then
		assertThat(absent.exitCode()).isEqualTo(1);
		assertThat(absent.stderr()).contains("hub-chargeback: east has no customer subscription"
				+ " c9c9c9c9-0000-4000-8000-00000000c0c9; nothing removed");
		assertThat(otherCase.stderr()).contains("nothing removed (it has " + CONTOSO_CSP
				+ ", which differs only in case: the ID is case sensitive)");
		assertThat(this.arm.requests()).noneMatch((r) -> r.startsWith("DELETE"));
		assertThat(this.arm.customerSubscriptions(REGISTRATION)).hasSize(3);
	}


	// issue 15: the credential asks the configured authority for a token of the endpoint's scope, over the trust store

	/**
	 * A service principal in the environment (the Azure chain's first credential), asking {@code authorityHost} (a
	 * setting, or none) for its token; the scope is not set.
	 */
	Workspace servicePrincipal(String authorityHost, String secret) {
		return servicePrincipal(authorityHost, secret, this.arm.trustStore());
	}

	Workspace servicePrincipal(String authorityHost, String secret, Path trustStore) {
		System.setProperty("AZURE_TENANT_ID", FakeResourceManager.TENANT);
		System.setProperty("AZURE_CLIENT_ID", FakeResourceManager.CLIENT_ID);
		System.setProperty("AZURE_CLIENT_SECRET", secret);
		String settings = azureSettings("2022-06-01")
			.replace("    credential: access-token\n    access-token: " + FakeResourceManager.TOKEN + "\n",
					authorityHost.isEmpty() ? "" : "    authority-host: " + authorityHost + "\n")
			.replace(this.arm.trustStore().toString(), trustStore.toString());
		return new Workspace(this.dir).settings(settings)
			.azureHub("east", REGISTRATION, Map.of(CONTOSO_LOCAL, CONTOSO));
	}

	@Test
	void theTokenIsAskedOfTheAuthorityHostSettingOverTheTrustStoreForTheEndpointsScope() {
		// given the setting names the fake's token endpoint, AZURE_AUTHORITY_HOST a port nothing listens on
		System.setProperty("AZURE_AUTHORITY_HOST", "https://127.0.0.1:9/");
		Workspace workspace = servicePrincipal(this.arm.endpoint(), FakeResourceManager.CLIENT_SECRET);

		// when
		Result result = workspace.run("--from=2026-11-16");

		// then the token came from the fake, trusted through the trust store, for the endpoint's .default scope
		assertThat(result.exitCode()).as(result.stderr()).isZero();
		assertThat(this.arm.tokenRequests()).isNotEmpty().allSatisfy((form) -> {
			assertThat(form).containsEntry("tenant", FakeResourceManager.TENANT)
				.containsEntry("client_id", FakeResourceManager.CLIENT_ID)
				.containsEntry("grant_type", "client_credentials");
			// MSAL adds the OpenID scopes to the one asked for
			assertThat(form.get("scope").split(" ")).contains(this.arm.endpoint() + "/.default")
				.noneMatch((scope) -> scope.contains("management.azure.com"));
		});
		assertThat(csv(chargeback("2026-11-16", CONTOSO_CSP))).hasSize(1);
	}

	@Test
	void withoutTheSettingTheAuthorityHostComesFromAzureAuthorityHost() {
		// given
		System.setProperty("AZURE_AUTHORITY_HOST", this.arm.endpoint());
		Workspace workspace = servicePrincipal("", FakeResourceManager.CLIENT_SECRET);

		// when
		Result result = workspace.run("--from=2026-11-16");

		// then
		assertThat(result.exitCode()).as(result.stderr()).isZero();
		assertThat(this.arm.tokenRequests()).isNotEmpty();
	}

	@Test
	void aTokenRefusedByTheAuthorityNamesTheAuthorityAndScopeAndWhereEachCameFrom() {
		// given a wrong client secret
		System.setProperty("AZURE_AUTHORITY_HOST", this.arm.endpoint());
		Workspace workspace = servicePrincipal("", "wrong");

		// when
		Result result = workspace.run("--from=2026-11-16");

		// then
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.stderr()).contains("no token for Azure Resource Manager from the credential")
			.contains("authority " + this.arm.endpoint() + " (AZURE_AUTHORITY_HOST), scope " + this.arm.endpoint()
					+ "/.default (derived from hub-chargeback.azure.resource-manager-endpoint)")
			.doesNotContain("not reachable");
		assertThat(this.arm.requests()).noneMatch((r) -> r.contains("/registrations/"));
	}

	@Test
	void aTokenEndpointTheTrustStoreDoesNotTrustIsNamedAsSuch() throws Exception {
		// given a trust store without the fake's certificate
		Path empty = this.dir.resolve("empty-trust.p12");
		java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
		store.load(null, null);
		try (var out = Files.newOutputStream(empty)) {
			store.store(out, FakeResourceManager.STORE_PASSWORD.toCharArray());
		}
		Workspace workspace = servicePrincipal(this.arm.endpoint(), FakeResourceManager.CLIENT_SECRET, empty);

		// when
		Result result = workspace.run("--from=2026-11-16");

		// then
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.stderr()).contains("the TLS certificate of the token endpoint at " + this.arm.endpoint()
				+ " (hub-chargeback.azure.authority-host) is not trusted")
			.contains("the trust store " + empty + " (hub-chargeback.azure.trust-store) does not hold its CA")
			.doesNotContain("not reachable");
		assertThat(this.arm.requests()).isEmpty();
	}


	// issue 15: the registration resource's billing model and cloudId

	@ParameterizedTest
	@CsvSource({ "Capacity", "Development", "Custom", "Ruggedized" })
	void aRegistrationWhoseBillingModelTakesNoCustomerSubscriptionsFailsTheRun(String billingModel) {
		// given
		this.arm.registrationProperties(Map.of("cloudId", FakeResourceManager.CLOUD_ID, "billingModel", billingModel));

		// when
		Result result = this.workspace.run("--from=2026-11-16");

		// then
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.stderr()).contains("hub-chargeback: 2026-11-16 run 1 FAILED: Hub east: the registration "
				+ this.arm.endpoint() + REGISTRATION + " has billing model " + billingModel + ", which takes no"
				+ " customer subscriptions (only PayAsYouUse does): every tenant would be charged to the default"
				+ " subscription; re-register the hub with -BillingModel PayAsYouUse, or point"
				+ " registration-resource-id at its pay-as-you-use registration (cloudId " + FakeResourceManager.CLOUD_ID
				+ ")");
		assertThat(this.workspace.range("2026-11-16", "2026-11-16")).doesNotExist();
		assertThat(this.workspace.run("--list-snapshots").stdout()).doesNotContain("1,east,");
	}

	@Test
	void aRegistrationThatDoesNotSayItsBillingModelIsChargedWithAWarning() {
		// given
		this.arm.registrationProperties(Map.of("cloudId", FakeResourceManager.CLOUD_ID));

		// when
		Result result = this.workspace.run("--from=2026-11-16");

		// then
		assertThat(result.exitCode()).isEqualTo(3);
		assertThat(result.stderr()).contains("WARNING: Hub east: the registration " + this.arm.endpoint()
				+ REGISTRATION + " does not say its billingModel");
		assertThat(this.workspace.range("2026-11-16", "2026-11-16").resolve("WARNINGS.txt")).content()
			.contains("does not say its billingModel");
	}

	@Test
	void aRegistrationAnswerWithoutPropertiesFailsTheRun() {
		// given
		this.arm.registrationProperties(null);

		// when
		Result result = this.workspace.run("--from=2026-11-16");

		// then
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.stderr()).contains("Hub east: cannot read the registration: Azure answered "
				+ this.arm.endpoint() + REGISTRATION + " without its 'properties'");
	}

}
