/**
 * Reconciliation against Partner Center: what the hubs recorded and the job charged, per subscription, meter and usage
 * day, beside what Microsoft billed the CSP in the daily rated usage reconciliation files, with a reason for each
 * difference.
 */
@NullMarked
package org.hubchargeback.reconcile;

import org.jspecify.annotations.NullMarked;
