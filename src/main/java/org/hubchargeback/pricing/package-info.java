/**
 * Prices: the effective-dated rate card that chargeback rows are priced with.
 */
@NullMarked
package org.hubchargeback.pricing;

import org.jspecify.annotations.NullMarked;
