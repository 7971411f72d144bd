/**
 * Charging a hub's usage day, plain Java: each usage record once, repeats counted or rejected, rows summed.
 */
@NullMarked
package org.hubchargeback.charging;

import org.jspecify.annotations.NullMarked;
