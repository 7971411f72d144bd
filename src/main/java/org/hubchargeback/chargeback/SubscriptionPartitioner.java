package org.hubchargeback.chargeback;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The charged subscriptions in groups, about four per thread, each partition writing its group's
 * {@code chargeback/<subscriptionId>.csv} files: a step execution per file would cost more than copying most files.
 * A restart re-runs only the groups that did not complete.
 */
public class SubscriptionPartitioner implements Partitioner {

	/**
	 * The group's subscription IDs, comma-separated (a subscription ID has letters, digits and hyphens only).
	 */
	public static final String SUBSCRIPTION_IDS = "subscriptionIds";

	private static final int GROUPS_PER_THREAD = 4;

	private final Supplier<List<String>> subscriptions;

	public SubscriptionPartitioner(Supplier<List<String>> subscriptions) {
		this.subscriptions = subscriptions;
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		List<String> all = this.subscriptions.get();
		int groups = Math.max(1, gridSize * GROUPS_PER_THREAD);
		int size = Math.max(1, (all.size() + groups - 1) / groups);
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		for (int i = 0; i < all.size(); i += size) {
			List<String> group = all.subList(i, Math.min(all.size(), i + size));
			ExecutionContext context = new ExecutionContext();
			context.putString(SUBSCRIPTION_IDS, String.join(",", group));
			partitions.put("subscriptions:" + group.get(0), context);
		}
		return partitions;
	}

}
