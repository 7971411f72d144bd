/**
 * Reading usage exports: file discovery, CSV layouts, cultures, meter catalog, row validation.
 */
@NullMarked
package org.hubchargeback.usage;

import org.jspecify.annotations.NullMarked;
