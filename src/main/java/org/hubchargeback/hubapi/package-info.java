/**
 * Usage straight from the hub: {@code subscriberUsageAggregates} and the user subscriptions read from the hub's admin
 * Azure Resource Manager endpoint, checkpointed by reported time and kept as canonical export files that the loading
 * path charges like any other export.
 */
@NullMarked
package org.hubchargeback.hubapi;

import org.jspecify.annotations.NullMarked;
