/**
 * Step 3: a usage day's ledger (each record charged once; repeats are duplicates or conflicts) and its totals.
 */
@NullMarked
package org.hubchargeback.charging;

import org.jspecify.annotations.NullMarked;
