/**
 * What a run shows while it runs: a live loading line on a terminal, a progress line every so often in a log, one
 * line per step as it ends; never in the published files.
 */
@NullMarked
package org.hubchargeback.progress;

import org.jspecify.annotations.NullMarked;
