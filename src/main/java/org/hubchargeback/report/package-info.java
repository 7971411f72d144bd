/**
 * Finance and operator reports: unregistered tenants, rejected records, summary, manifest and control totals.
 */
@NullMarked
package org.hubchargeback.report;

import org.jspecify.annotations.NullMarked;
