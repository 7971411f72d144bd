/**
 * The CSV dialect of every output file, and line counting for input files.
 */
@NullMarked
package org.hubchargeback.csv;

import org.jspecify.annotations.NullMarked;
