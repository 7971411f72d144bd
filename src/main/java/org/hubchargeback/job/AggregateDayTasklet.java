package org.hubchargeback.job;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import org.hubchargeback.chargeback.ChargebackCsv;
import org.hubchargeback.chargeback.ChargebackLine;
import org.hubchargeback.job.StagedUsage.Outcome;
import org.hubchargeback.job.StagedUsage.Rejected;
import org.hubchargeback.pricing.RateCard;
import org.hubchargeback.report.CsvDialect;
import org.hubchargeback.resolution.ChargeReason;
import org.hubchargeback.resolution.DefaultReason;
import org.hubchargeback.usage.Meter;
import org.hubchargeback.usage.MeterCatalog;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * One usage day of one hub: reads what loading spilled for it from every input file, in reading order, charges each
 * usage record once, and writes the day's rows of every charged subscription's chargeback file plus the day's totals.
 * A record read twice (overlapping exports) is the same hub subscription, meter, resource, start and end: the first
 * occurrence is charged, an identical repeat counts as a duplicate, and a repeat with another quantity is rejected,
 * because charging either one silently would be a guess. A usage day is the unit of work because a record and its
 * repeats always share one: memory holds one hub-day's record identities, whatever the length of the range.
 * Re-runnable: its database rows are replaced in one transaction and its files rewritten.
 */
public class AggregateDayTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(AggregateDayTasklet.class);

	private final RunStore store;

	private final RunPaths paths;

	private final LocalDate day;

	private final String hub;

	private final String snapshot;

	private final Map<Integer, String> fileNames;

	private final MeterCatalog meters;

	private final @Nullable RateCard rateCard;

	/**
	 * @param snapshot fingerprint of the registration the hub's records were resolved with
	 * @param fileNames input file index to display name
	 * @param rateCard the run's prices, or null for quantities only
	 */
	public AggregateDayTasklet(RunStore store, RunPaths paths, LocalDate day, String hub, String snapshot,
			Map<Integer, String> fileNames, MeterCatalog meters, @Nullable RateCard rateCard) {
		this.store = store;
		this.paths = paths;
		this.day = day;
		this.hub = hub;
		this.snapshot = snapshot;
		this.fileNames = fileNames;
		this.meters = meters;
		this.rateCard = rateCard;
	}

	public static String bucket(LocalDate day, String hub) {
		return day + "/" + hub;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
		Map<Usage, Occurrences> seen = new HashMap<>();
		Map<LineKey, Sum> lines = new HashMap<>();
		Map<TotalKey, Sum> duplicates = new HashMap<>();
		List<Rejected> conflicts = new ArrayList<>();
		// the day's strings are one instance per value: lowercasing each once keeps the keys' hashes cached
		Map<String, String> strings = new HashMap<>();
		Map<String, String> resourceKeys = new IdentityHashMap<>();
		long records = 0;
		for (Path spill : spillFiles()) {
			try (SpillFile.Reader reader = new SpillFile.Reader(spill, strings)) {
				SpillFile.Entry e;
				while ((e = reader.next()) != null) {
					records++;
					String resourceKey = resourceKeys.computeIfAbsent(e.resourceUri(),
							(uri) -> uri.toLowerCase(Locale.ROOT));
					Occurrences occurrences = seen.computeIfAbsent(
							new Usage(e.hubSubscriptionId(), e.meterId(), resourceKey), (k) -> new Occurrences());
					int first = occurrences.find(e.usageStart(), e.usageEnd());
					if (first < 0) {
						occurrences.add(e);
						occurrences.sum(e, resourceKey, lines).add(e);
					}
					else if (occurrences.quantity(first).compareTo(e.quantity()) == 0) {
						duplicates.computeIfAbsent(TotalKey.of(e), (k) -> new Sum()).add(e);
					}
					else {
						conflicts.add(conflict(e, occurrences, first));
					}
				}
			}
		}
		Map<String, List<Map.Entry<LineKey, Sum>>> bySubscription = new HashMap<>();
		Map<TotalKey, Sum> charged = new HashMap<>();
		Map<List<String>, Optional<RateCard.Price>> prices = new HashMap<>();
		for (Map.Entry<LineKey, Sum> line : lines.entrySet()) {
			if (this.rateCard != null) {
				LineKey k = line.getKey();
				// one price per meter and subscription on a day
				prices.computeIfAbsent(List.of(k.meterId(), k.chargedSubscriptionId()), (key) -> Optional
					.ofNullable(this.rateCard.price(k.meterId(), this.day, k.chargedSubscriptionId())))
					.ifPresent((price) -> line.getValue().price(price.unitPrice(), this.rateCard));
			}
			bySubscription.computeIfAbsent(line.getKey().chargedSubscriptionId(), (k) -> new ArrayList<>()).add(line);
			charged.computeIfAbsent(TotalKey.of(line.getKey()), (k) -> new Sum()).merge(line.getValue());
		}
		for (Map.Entry<String, List<Map.Entry<LineKey, Sum>>> file : bySubscription.entrySet()) {
			writeFragment(file.getKey(), file.getValue());
		}
		String bucket = bucket(this.day, this.hub);
		this.store.replaceDayTotals(this.paths.runId(), bucket, this.day, this.hub, charged, duplicates);
		this.store.deleteRejected(this.paths.runId(), bucket);
		this.store.insertRejected(this.paths.runId(), conflicts, bucket);
		contribution.incrementWriteCount(lines.size());
		log.debug("{} of {}: {} records, {} chargeback rows, {} duplicates, {} conflicts", this.day, this.hub, records,
				lines.size(), duplicates.values().stream().mapToLong(Sum::records).sum(), conflicts.size());
		return RepeatStatus.FINISHED;
	}

	private List<Path> spillFiles() throws IOException {
		Path dir = this.paths.spillDir(this.day, this.hub);
		try (Stream<Path> files = Files.list(dir)) {
			// reading order: by input file index
			return files.sorted(Comparator.comparingInt(AggregateDayTasklet::fileIndex)).toList();
		}
	}

	private static int fileIndex(Path spill) {
		String name = spill.getFileName().toString();
		return Integer.parseInt(name.substring(1, name.length() - ".bin".length()));
	}

	private Rejected conflict(SpillFile.Entry e, Occurrences occurrences, int first) {
		String record = String.join(",", e.usageStart().toString(), e.usageEnd().toString(), e.hubSubscriptionId(),
				e.tenantId(), e.meterId(), e.quantity().toPlainString(), e.resourceUri());
		return new Rejected(e.seq(), e.fileIndex(), e.line(), this.hub, "Quantity",
				"conflicting duplicate: the same usage (hub subscription, meter, resource, start and end) was read"
						+ " first at " + this.fileNames.get(occurrences.fileIndex(first)) + " line "
						+ occurrences.line(first) + " with quantity " + CsvDialect.quantity(occurrences.quantity(first))
						+ ", here " + CsvDialect.quantity(e.quantity()) + "; charged once, at the first quantity",
				record);
	}

	/**
	 * The day's rows of one subscription's chargeback file, in the file's order.
	 */
	private void writeFragment(String subscription, List<Map.Entry<LineKey, Sum>> rows) throws IOException {
		rows.sort(Map.Entry.comparingByKey(LineKey.ORDER));
		Path fragment = this.paths.fragment(subscription, this.day, this.hub);
		Files.createDirectories(fragment.getParent());
		ChargebackCsv csv = new ChargebackCsv(this.rateCard != null);
		String currency = (this.rateCard != null) ? this.rateCard.currency().getCurrencyCode() : null;
		try (Writer writer = new BufferedWriter(Files.newBufferedWriter(fragment, StandardCharsets.UTF_8), 1 << 16)) {
			for (Map.Entry<LineKey, Sum> row : rows) {
				LineKey k = row.getKey();
				Sum sum = row.getValue();
				@Nullable Meter meter = this.meters.find(k.meterId()).orElse(null);
				writer.write(csv.aggregate(new ChargebackLine(this.day, this.hub, k.tenantId(), k.hubSubscriptionId(),
						sum.resourceUri(), k.meterId(), (meter != null) ? meter.name() : "",
						(meter != null) ? meter.unit() : "", sum.quantity, k.reason().name(),
						(k.defaultReason() != null) ? k.defaultReason().name() : "", subscription, sum.records,
						sum.firstStart(), sum.lastEnd(), this.snapshot, sum.unitPrice, sum.cost,
						(sum.unitPrice != null) ? currency : null)));
				writer.write(CsvDialect.LINE_SEPARATOR);
			}
		}
	}

	/**
	 * A resource's use of a meter by a hub subscription: with a start and end, the identity of a usage record.
	 */
	private record Usage(String hubSubscriptionId, String meterId, String resourceKey) {
	}

	/**
	 * The first occurrence of each usage record of one {@link Usage} on the day (an hourly meter has 24), in arrays
	 * rather than an object per record: a day of a large hub has millions of records.
	 */
	private static final class Occurrences {

		private static final int INDEXED = 64;

		private long[] startSeconds = new long[4];

		private long[] endSeconds = new long[4];

		private int[] nanos = new int[8];

		private BigDecimal[] quantities = new BigDecimal[4];

		private int[] fileIndexes = new int[4];

		private long[] lines = new long[4];

		private int size;

		/**
		 * Beyond {@link #INDEXED} records (finer than hourly usage), a lookup by start instead of a scan.
		 */
		private @Nullable Map<Instant, List<Integer>> byStart;

		private @Nullable LineKey lastKey;

		private @Nullable Sum lastSum;

		/**
		 * @return the index of the record with this start and end, or -1
		 */
		int find(Instant start, Instant end) {
			if (this.byStart != null) {
				for (int i : this.byStart.getOrDefault(start, List.of())) {
					if (sameEnd(i, end)) {
						return i;
					}
				}
				return -1;
			}
			long startSecond = start.getEpochSecond();
			for (int i = 0; i < this.size; i++) {
				if (this.startSeconds[i] == startSecond && this.nanos[2 * i] == start.getNano() && sameEnd(i, end)) {
					return i;
				}
			}
			return -1;
		}

		private boolean sameEnd(int i, Instant end) {
			return this.endSeconds[i] == end.getEpochSecond() && this.nanos[2 * i + 1] == end.getNano();
		}

		void add(SpillFile.Entry e) {
			if (this.size == this.startSeconds.length) {
				int capacity = this.size * 2;
				this.startSeconds = Arrays.copyOf(this.startSeconds, capacity);
				this.endSeconds = Arrays.copyOf(this.endSeconds, capacity);
				this.nanos = Arrays.copyOf(this.nanos, 2 * capacity);
				this.quantities = Arrays.copyOf(this.quantities, capacity);
				this.fileIndexes = Arrays.copyOf(this.fileIndexes, capacity);
				this.lines = Arrays.copyOf(this.lines, capacity);
			}
			int i = this.size++;
			this.startSeconds[i] = e.usageStart().getEpochSecond();
			this.endSeconds[i] = e.usageEnd().getEpochSecond();
			this.nanos[2 * i] = e.usageStart().getNano();
			this.nanos[2 * i + 1] = e.usageEnd().getNano();
			this.quantities[i] = e.quantity();
			this.fileIndexes[i] = e.fileIndex();
			this.lines[i] = e.line();
			if (this.byStart == null && this.size > INDEXED) {
				this.byStart = new HashMap<>();
				for (int j = 0; j < this.size; j++) {
					this.byStart.computeIfAbsent(Instant.ofEpochSecond(this.startSeconds[j], this.nanos[2 * j]),
							(k) -> new ArrayList<>()).add(j);
				}
			}
			else if (this.byStart != null) {
				this.byStart.computeIfAbsent(e.usageStart(), (k) -> new ArrayList<>()).add(i);
			}
		}

		/**
		 * The chargeback row the record adds to: nearly always the one the usage's previous record went to.
		 */
		Sum sum(SpillFile.Entry e, String resourceKey, Map<LineKey, Sum> lines) {
			LineKey key = this.lastKey;
			Sum sum = this.lastSum;
			if (key == null || sum == null || !key.tenantId().equals(e.tenantId()) || key.reason() != e.reason()
					|| key.defaultReason() != e.defaultReason()
					|| !key.chargedSubscriptionId().equals(e.chargedSubscriptionId())) {
				key = new LineKey(e.tenantId(), e.hubSubscriptionId(), resourceKey, e.meterId(), e.reason(),
						e.defaultReason(), e.chargedSubscriptionId());
				sum = lines.computeIfAbsent(key, (k) -> new Sum());
				this.lastKey = key;
				this.lastSum = sum;
			}
			return sum;
		}

		BigDecimal quantity(int i) {
			return this.quantities[i];
		}

		int fileIndex(int i) {
			return this.fileIndexes[i];
		}

		long line(int i) {
			return this.lines[i];
		}

	}

	/**
	 * The grain of a chargeback row (the day and hub are the tasklet's).
	 */
	record LineKey(String tenantId, String hubSubscriptionId, String resourceKey, String meterId, ChargeReason reason,
			@Nullable DefaultReason defaultReason, String chargedSubscriptionId) {

		static final Comparator<LineKey> ORDER = Comparator.comparing(LineKey::tenantId)
			.thenComparing(LineKey::hubSubscriptionId)
			.thenComparing(LineKey::resourceKey)
			.thenComparing(LineKey::meterId)
			.thenComparing((k) -> k.reason().name())
			.thenComparing((k) -> (k.defaultReason() != null) ? k.defaultReason().name() : "");

	}

	/**
	 * The grain of the run's totals: a chargeback row without its resource, with what became of the records.
	 */
	record TotalKey(String tenantId, String hubSubscriptionId, String meterId, ChargeReason reason,
			@Nullable DefaultReason defaultReason, String chargedSubscriptionId) {

		static TotalKey of(LineKey k) {
			return new TotalKey(k.tenantId(), k.hubSubscriptionId(), k.meterId(), k.reason(), k.defaultReason(),
					k.chargedSubscriptionId());
		}

		static TotalKey of(SpillFile.Entry e) {
			return new TotalKey(e.tenantId(), e.hubSubscriptionId(), e.meterId(), e.reason(), e.defaultReason(),
					e.chargedSubscriptionId());
		}

		Outcome outcome() {
			return (this.reason == ChargeReason.REGISTERED) ? Outcome.REGISTERED : Outcome.DEFAULT;
		}

	}

	/**
	 * Records summed: their count, quantity, span, and (for a chargeback row) the first spelling of the resource ID
	 * in sort order, as the row shows it. Priced, the cost as rows show it (each rounded) and unrounded; a total's
	 * rows share meter, subscription and day, so they are all priced or all not.
	 */
	static final class Sum {

		private long records;

		private long lines;

		private BigDecimal quantity = BigDecimal.ZERO;

		private @Nullable BigDecimal unitPrice;

		private @Nullable BigDecimal cost;

		private @Nullable BigDecimal costExact;

		private @Nullable String resourceUri;

		private @Nullable Instant firstStart;

		private @Nullable Instant lastEnd;

		void add(SpillFile.Entry e) {
			this.records++;
			this.lines = 1;
			this.quantity = this.quantity.add(e.quantity());
			// a spill file's strings are one instance per value: the same spelling again needs no comparing
			if (this.resourceUri == null
					|| (e.resourceUri() != this.resourceUri && e.resourceUri().compareTo(this.resourceUri) < 0)) {
				this.resourceUri = e.resourceUri();
			}
			if (this.firstStart == null || e.usageStart().isBefore(this.firstStart)) {
				this.firstStart = e.usageStart();
			}
			if (this.lastEnd == null || e.usageEnd().isAfter(this.lastEnd)) {
				this.lastEnd = e.usageEnd();
			}
		}

		/**
		 * Prices a chargeback row: its cost is rounded on its own, as the row shows it.
		 */
		void price(BigDecimal unitPrice, RateCard rateCard) {
			this.unitPrice = unitPrice;
			this.costExact = this.quantity.multiply(unitPrice);
			this.cost = rateCard.round(this.costExact);
		}

		void merge(Sum other) {
			if (other.cost != null) {
				this.cost = (this.cost != null) ? this.cost.add(other.cost) : other.cost;
				this.costExact = (this.costExact != null) ? this.costExact.add(other.costExact) : other.costExact;
			}
			this.records += other.records;
			this.lines += other.lines;
			this.quantity = this.quantity.add(other.quantity);
			if (this.firstStart == null || other.firstStart().isBefore(this.firstStart)) {
				this.firstStart = other.firstStart();
			}
			if (this.lastEnd == null || other.lastEnd().isAfter(this.lastEnd)) {
				this.lastEnd = other.lastEnd();
			}
		}

		long records() {
			return this.records;
		}

		long lines() {
			return this.lines;
		}

		BigDecimal quantity() {
			return this.quantity;
		}

		@Nullable BigDecimal cost() {
			return this.cost;
		}

		@Nullable BigDecimal costExact() {
			return this.costExact;
		}

		// a sum is made for a record, and a total for a sum: each holds at least one record

		String resourceUri() {
			return Objects.requireNonNull(this.resourceUri, "a chargeback row sums at least one record");
		}

		Instant firstStart() {
			return Objects.requireNonNull(this.firstStart, "a sum holds at least one record");
		}

		Instant lastEnd() {
			return Objects.requireNonNull(this.lastEnd, "a sum holds at least one record");
		}

	}

}
