package org.hubchargeback.charging;

/**
 * A resource's use of a meter by a hub subscription: with a start and end, the identity of a usage record.
 *
 * @param resourceKey the resource URI lower-cased: Azure resource IDs are case-insensitive
 * @param instance the instance data fingerprint: the API returns a record per distinct instance data in a bucket
 */
record Usage(String hubSubscriptionId, String meterId, String resourceKey, String instance) {
}
