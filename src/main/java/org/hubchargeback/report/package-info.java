/**
 * Finance and operator reports: unregistered tenants, rejected records, summary.csv, summary.html, missing prices
 * and control totals.
 */
@NullMarked
package org.hubchargeback.report;

import org.jspecify.annotations.NullMarked;
