/**
 * Step 3: a usage day's ledger (each record charged once; repeats are duplicates or conflicts), the spill files
 * it reads (written by loading, one per input file and usage day) and the day's totals.
 */
@NullMarked
package org.hubchargeback.charging;

import org.jspecify.annotations.NullMarked;
