/**
 * Step 2: reading every input file, resolving each record and spilling it per usage day; the rejection limit.
 */
@NullMarked
package org.hubchargeback.loading;

import org.jspecify.annotations.NullMarked;
