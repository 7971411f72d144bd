/**
 * FOCUS 1.2 exports of priced chargeback files, for finance tools that read the FinOps cost and usage format.
 */
@NullMarked
package org.hubchargeback.focus;

import org.jspecify.annotations.NullMarked;
