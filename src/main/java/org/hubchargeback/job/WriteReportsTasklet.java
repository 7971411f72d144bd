package org.hubchargeback.job;

import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import org.hubchargeback.report.SummaryReport;
import org.hubchargeback.report.UnregisteredTenantsReport;
import org.hubchargeback.usage.Meter;
import org.hubchargeback.usage.MeterCatalog;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Step 7: the two aggregate reports, {@code unregistered-tenants.csv} and {@code summary.csv}. Both are small (one
 * row per tenant or per subscription and meter), so they are written whole.
 */
public class WriteReportsTasklet implements Tasklet {

	public static final String UNREGISTERED_TENANTS = "unregistered-tenants.csv";

	public static final String SUMMARY = "summary.csv";

	private final RunStore store;

	private final MeterCatalog meters;

	private final RunPaths paths;

	private final boolean byteOrderMark;

	public WriteReportsTasklet(RunStore store, MeterCatalog meters, RunPaths paths, boolean byteOrderMark) {
		this.store = store;
		this.meters = meters;
		this.paths = paths;
		this.byteOrderMark = byteOrderMark;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
		long runId = this.paths.runId();
		UnregisteredTenantsReport unregistered = new UnregisteredTenantsReport();
		this.store.defaultUsage(runId,
				(rs) -> unregistered.add(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
						meterLabel(rs.getString(5)), rs.getString(6), rs.getLong(7), rs.getBigDecimal(8),
						rs.getObject(9, LocalDateTime.class).toInstant(ZoneOffset.UTC),
						rs.getObject(10, LocalDateTime.class).toInstant(ZoneOffset.UTC)));
		unregistered.writeTo(this.paths.staging().resolve(UNREGISTERED_TENANTS), this.byteOrderMark);

		Map<String, String> warnings = new HashMap<>();
		this.store.runHubs(runId).forEach((hub) -> {
			if (!((String) hub.get("WARNING")).isEmpty()) {
				warnings.put((String) hub.get("HUB"), (String) hub.get("WARNING"));
			}
		});
		SummaryReport summary = new SummaryReport(warnings);
		this.store.chargedTotals(runId, (rs) -> {
			Meter meter = this.meters.find(rs.getString(3)).orElse(null);
			summary.add(rs.getString(1), rs.getString(2), rs.getString(3), (meter != null) ? meter.name() : "",
					(meter != null) ? meter.unit() : "", rs.getString(4), rs.getBigDecimal(5), rs.getLong(6),
					rs.getDate(7).toLocalDate(), rs.getDate(8).toLocalDate());
		});
		summary.writeTo(this.paths.staging().resolve(SUMMARY), this.byteOrderMark);
		contribution.incrementWriteCount(unregistered.size());
		return RepeatStatus.FINISHED;
	}

	private String meterLabel(String meterId) {
		return this.meters.find(meterId)
			.map((meter) -> meter.name() + " [" + meterId + "]")
			.orElse("[" + meterId + "]");
	}

}
