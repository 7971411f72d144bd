/**
 * Prices: the effective-dated rate card and the cost of a quantity.
 */
@NullMarked
package org.hubchargeback.pricing;

import org.jspecify.annotations.NullMarked;
