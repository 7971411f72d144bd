package org.hubchargeback.loading;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.hubchargeback.ledger.RunLedger;
import org.hubchargeback.ledger.RunLedger.Route;
import org.hubchargeback.resolution.ChargeReason;
import org.hubchargeback.resolution.Resolution;
import org.hubchargeback.resolution.TenantResolver;
import org.hubchargeback.run.RunHub;
import org.hubchargeback.run.StagedUsage;
import org.hubchargeback.run.StagedUsage.Accepted;
import org.hubchargeback.run.StagedUsage.Outcome;
import org.hubchargeback.run.StagedUsage.Rejected;
import org.hubchargeback.usage.InputFile;
import org.hubchargeback.usage.RejectedRowException;
import org.hubchargeback.usage.UsageFileException;
import org.hubchargeback.usage.UsageRecord;
import org.hubchargeback.usage.UsageRow;
import org.hubchargeback.usage.UsageRowParser;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Validates a row and decides who pays for it. Never filters: every row comes out accepted or rejected, so the
 * counts add up.
 */
public class ResolveUsageProcessor implements ItemProcessor<UsageRow, StagedUsage> {

	private static final String ROW_OF_RUN_HUB = "the reader reads the files of the run's hubs only";

	private final Map<String, UsageRowParser> parsers = new HashMap<>();

	private final Map<String, TenantResolver> resolvers = new HashMap<>();

	/**
	 * Resolutions by hub, hub subscription and record tenant: a subscription's records all resolve alike.
	 */
	private final Map<String, Map<String, Map<String, Resolution>>> resolved = new HashMap<>();

	private final LocalDate from;

	private final LocalDate to;

	private final RunLedger ledger;

	private @Nullable InputFile lastFile;

	private @Nullable LocalDate lastDay;

	private Route lastRoute = Route.CHARGE;

	/**
	 * @param latestStart usage starting later than this is rejected as impossible
	 * @param ledger what other published folders charge: usage of their days may be late usage charged here
	 */
	public ResolveUsageProcessor(List<RunHub> hubs, LocalDate from, LocalDate to, Instant latestStart,
			RunLedger ledger) {
		for (RunHub hub : hubs) {
			this.parsers.put(hub.name(), new UsageRowParser(hub.culture(), latestStart));
			this.resolvers.put(hub.name(), hub.resolver());
		}
		this.from = from;
		this.to = to;
		this.ledger = ledger;
	}

	@Override
	public StagedUsage process(UsageRow row) {
		String hub = row.file().hub();
		UsageRecord record;
		try {
			record = Objects.requireNonNull(this.parsers.get(hub), ROW_OF_RUN_HUB).parse(row);
		}
		catch (RejectedRowException ex) {
			return new Rejected(row.seq(), row.file().index(), row.line(), hub, ex.field(), ex.reason(), row.rawLine());
		}
		String wrongBucket = UsageBuckets.bucket(record.usageStart(), record.usageEnd());
		if (wrongBucket != null) {
			// not a bad row: the whole export was read with the wrong dates, and so were its rows that look right
			throw new UsageFileException(row.file().displayName(), row.line(), wrongBucket,
					new IllegalArgumentException(wrongBucket));
		}
		Resolution resolution = resolve(hub, record);
		Outcome outcome = switch (route(row.file(), record.usageDate())) {
			case CHARGE, LATE -> (resolution.reason() == ChargeReason.REGISTERED) ? Outcome.REGISTERED
					: Outcome.DEFAULT;
			case ACCOUNTED -> Outcome.ACCOUNTED;
			case OUT_OF_RANGE -> Outcome.OUT_OF_RANGE;
		};
		return new Accepted(row.seq(), row.file().index(), row.line(), record, resolution, outcome);
	}

	/**
	 * An export holds one or two usage days: the route of the last day asked for is nearly always the next one's.
	 */
	private Route route(InputFile file, LocalDate day) {
		if (file != this.lastFile || !day.equals(this.lastDay)) {
			this.lastRoute = this.ledger.route(file.hub(), day, file.path().toString(), this.from, this.to);
			this.lastFile = file;
			this.lastDay = day;
		}
		return this.lastRoute;
	}

	private Resolution resolve(String hub, UsageRecord record) {
		Map<String, Resolution> byTenant = this.resolved.computeIfAbsent(hub, (h) -> new HashMap<>())
			.computeIfAbsent(record.hubSubscriptionId(), (s) -> new HashMap<>());
		String tenant = (record.tenantId() != null) ? record.tenantId() : "";
		Resolution resolution = byTenant.get(tenant);
		if (resolution == null) {
			resolution = Objects.requireNonNull(this.resolvers.get(hub), ROW_OF_RUN_HUB)
				.resolve(record.hubSubscriptionId(), record.tenantId());
			byTenant.put(tenant, resolution);
		}
		return resolution;
	}

}
