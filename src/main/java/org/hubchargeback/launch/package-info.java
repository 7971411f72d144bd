/**
 * Command line: date-range runs, reruns and nightly catch-up on top of the job repository.
 */
@NullMarked
package org.hubchargeback.launch;

import org.jspecify.annotations.NullMarked;
