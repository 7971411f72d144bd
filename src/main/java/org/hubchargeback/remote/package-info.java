/**
 * Scale-out: Spring Batch remote partitioning over RabbitMQ. A manager sends the partitions of the loading and summing
 * steps to worker processes and polls the shared PostgreSQL job repository for their outcome.
 */
@NullMarked
package org.hubchargeback.remote;

import org.jspecify.annotations.NullMarked;
