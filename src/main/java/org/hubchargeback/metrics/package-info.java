/**
 * What a run tells monitoring: its counts, quantities, step durations, exit status and last successful night, pushed
 * to a Prometheus Pushgateway when one is configured.
 */
@NullMarked
package org.hubchargeback.metrics;

import org.jspecify.annotations.NullMarked;
