/**
 * Per-subscription chargeback files.
 */
@NullMarked
package org.hubchargeback.chargeback;

import org.jspecify.annotations.NullMarked;
