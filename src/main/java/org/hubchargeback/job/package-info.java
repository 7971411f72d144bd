/**
 * Spring Batch wiring of the chargeback job: steps, staging tables, publishing.
 */
@NullMarked
package org.hubchargeback.job;

import org.jspecify.annotations.NullMarked;
