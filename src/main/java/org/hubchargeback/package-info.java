/**
 * hub-chargeback: Azure Stack Hub usage exports in, one chargeback file per charged Azure subscription out.
 */
@NullMarked
package org.hubchargeback;

import org.jspecify.annotations.NullMarked;
