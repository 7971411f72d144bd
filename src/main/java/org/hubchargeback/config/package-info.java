/**
 * Operator configuration: hubs, folders, cultures, nightly schedule.
 */
@NullMarked
package org.hubchargeback.config;

import org.jspecify.annotations.NullMarked;
