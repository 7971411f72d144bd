/**
 * Spring Batch wiring only: the chargeback job, its steps and partitioners.
 */
@NullMarked
package org.hubchargeback.job;

import org.jspecify.annotations.NullMarked;
