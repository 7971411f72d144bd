/**
 * The ledger across runs: which published folder charges each hub's usage day, the input files it accounted for, and
 * each run's view of it (what other folders already charged, so late-reported usage is charged once).
 */
@NullMarked
package org.hubchargeback.ledger;

import org.jspecify.annotations.NullMarked;
