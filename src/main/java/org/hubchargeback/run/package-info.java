/**
 * A run of the job: its parameters, inputs, paths (the name of every file it writes), lock and staging store.
 */
@NullMarked
package org.hubchargeback.run;

import org.jspecify.annotations.NullMarked;
