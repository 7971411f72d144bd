/**
 * Last step: verifying the run adds up, the rerun guard and restatement, the manifest, and the swap into place.
 */
@NullMarked
package org.hubchargeback.publish;

import org.jspecify.annotations.NullMarked;
