/**
 * Who pays: hub registrations (customer subscriptions) and hub user subscriptions (tenant of each local subscription).
 */
@NullMarked
package org.hubchargeback.registration;

import org.jspecify.annotations.NullMarked;
