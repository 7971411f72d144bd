package org.hubchargeback.chargeback;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * One partition per charged subscription, each writing {@code chargeback/<subscriptionId>.csv}. Partition names
 * are stable, so a restart re-runs only the files that did not complete.
 */
public class SubscriptionPartitioner implements Partitioner {

	public static final String SUBSCRIPTION_ID = "subscriptionId";

	public static final String OUTPUT_FILE = "outputFile";

	private final Supplier<List<String>> subscriptions;

	private final Path chargebackDir;

	public SubscriptionPartitioner(Supplier<List<String>> subscriptions, Path chargebackDir) {
		this.subscriptions = subscriptions;
		this.chargebackDir = chargebackDir;
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		for (String subscription : this.subscriptions.get()) {
			ExecutionContext context = new ExecutionContext();
			context.putString(SUBSCRIPTION_ID, subscription);
			context.putString(OUTPUT_FILE, this.chargebackDir.resolve(subscription + ".csv").toString());
			partitions.put("subscription:" + subscription, context);
		}
		return partitions;
	}

}
