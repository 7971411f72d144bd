/**
 * The charging rule, plain Java: which Azure subscription pays for a usage record and why.
 */
@NullMarked
package org.hubchargeback.resolution;

import org.jspecify.annotations.NullMarked;
