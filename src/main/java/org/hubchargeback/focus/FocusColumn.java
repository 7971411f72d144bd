package org.hubchargeback.focus;

import java.util.Arrays;
import java.util.List;

/**
 * The columns of a FOCUS file, in file order: the FOCUS columns by column ID (as the specification lists them), then
 * the custom ones, which FOCUS requires to start with {@code x_} and recommends after all of its own.
 */
enum FocusColumn {

	BILLED_COST("BilledCost"),
	BILLING_ACCOUNT_ID("BillingAccountId"),
	BILLING_ACCOUNT_NAME("BillingAccountName"),
	BILLING_CURRENCY("BillingCurrency"),
	BILLING_PERIOD_END("BillingPeriodEnd"),
	BILLING_PERIOD_START("BillingPeriodStart"),
	CHARGE_CATEGORY("ChargeCategory"),
	CHARGE_CLASS("ChargeClass"),
	CHARGE_DESCRIPTION("ChargeDescription"),
	CHARGE_FREQUENCY("ChargeFrequency"),
	CHARGE_PERIOD_END("ChargePeriodEnd"),
	CHARGE_PERIOD_START("ChargePeriodStart"),
	CONSUMED_QUANTITY("ConsumedQuantity"),
	CONSUMED_UNIT("ConsumedUnit"),
	CONTRACTED_COST("ContractedCost"),
	CONTRACTED_UNIT_PRICE("ContractedUnitPrice"),
	EFFECTIVE_COST("EffectiveCost"),
	INVOICE_ISSUER_NAME("InvoiceIssuerName"),
	LIST_COST("ListCost"),
	LIST_UNIT_PRICE("ListUnitPrice"),
	PRICING_CATEGORY("PricingCategory"),
	PRICING_QUANTITY("PricingQuantity"),
	PRICING_UNIT("PricingUnit"),
	PROVIDER_NAME("ProviderName"),
	PUBLISHER_NAME("PublisherName"),
	REGION_ID("RegionId"),
	REGION_NAME("RegionName"),
	RESOURCE_ID("ResourceId"),
	RESOURCE_NAME("ResourceName"),
	RESOURCE_TYPE("ResourceType"),
	SERVICE_CATEGORY("ServiceCategory"),
	SERVICE_NAME("ServiceName"),
	SKU_ID("SkuId"),
	SKU_METER("SkuMeter"),
	SKU_PRICE_ID("SkuPriceId"),
	SUB_ACCOUNT_ID("SubAccountId"),
	SUB_ACCOUNT_NAME("SubAccountName"),
	TAGS("Tags"),

	// custom columns: what ties a row back to the chargeback file and the usage behind it
	X_HUB_NAME("x_HubName"),
	X_TENANT_ID("x_TenantId"),
	X_HUB_SUBSCRIPTION_ID("x_HubSubscriptionId"),
	X_CHARGE_REASON("x_ChargeReason"),
	X_DEFAULT_REASON("x_DefaultReason"),
	X_RECORD_COUNT("x_RecordCount"),
	X_FIRST_USAGE_START("x_FirstUsageStart"),
	X_LAST_USAGE_END("x_LastUsageEnd"),
	X_REGISTRATION_SNAPSHOT("x_RegistrationSnapshot"),
	X_USAGE_DATE("x_UsageDate");

	static final List<String> HEADER = Arrays.stream(values()).map((column) -> column.id).toList();

	private final String id;

	FocusColumn(String id) {
		this.id = id;
	}

	String id() {
		return this.id;
	}

}
