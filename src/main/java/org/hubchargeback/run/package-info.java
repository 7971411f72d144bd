/**
 * A run of the job: its parameters, inputs, paths (the name of every file it writes), lock, staging store, control
 * totals and outcome.
 */
@NullMarked
package org.hubchargeback.run;

import org.jspecify.annotations.NullMarked;
