package org.hubchargeback.hubapi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.hubchargeback.config.HubChargebackProperties;
import org.hubchargeback.config.HubChargebackProperties.Hub;
import org.hubchargeback.config.HubChargebackProperties.UsageSource;
import org.hubchargeback.config.InvalidConfigurationException;
import org.hubchargeback.hubapi.UsageApiProperties.HubApi;
import org.hubchargeback.usage.UsageCulture;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Fetches the usage of the hubs with {@code usage-source: api} into their input folders, one reported UTC day (a
 * window) at a time, from where the last fetch ended up to the last whole day before today (the API refuses today and
 * the future). Each window's file is in place before the window counts as fetched: a crash fetches it again, and a
 * window is never half kept. Usage reported late (in a later window than the day it was used) arrives with that
 * window and is charged as late usage by the ledger. The hub's user subscriptions are read at each fetch and kept as a
 * dated snapshot when they changed, and as the hub's {@code user-subscriptions-file}.
 */
@Component
public class UsageFetcher {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private final HubChargebackProperties properties;

	private final UsageApiProperties settings;

	private final FetchCheckpoints checkpoints;

	private final Clock clock;

	public UsageFetcher(HubChargebackProperties properties, UsageApiProperties settings, JdbcTemplate jdbc,
			Clock clock) {
		this.properties = properties;
		this.settings = settings;
		this.checkpoints = new FetchCheckpoints(jdbc);
		this.clock = clock;
		requireConsistent(properties.hubs(), settings.hubs());
	}

	/**
	 * A hub fetched from the API needs its endpoint, and the user subscriptions it fetches need a file the run reads;
	 * an endpoint for a hub charged from files would be fetched by nobody, which is a mistake to tell, not to ignore.
	 */
	static void requireConsistent(List<Hub> hubs, Map<String, HubApi> apis) {
		for (int i = 0; i < hubs.size(); i++) {
			Hub hub = hubs.get(i);
			HubApi api = apis.get(hub.name());
			String key = "hub-chargeback.hubs[" + i + "]";
			if (hub.usageSource() == UsageSource.API && api == null) {
				throw new InvalidConfigurationException(key + ": hub " + hub.name() + " has usage-source: api, but"
						+ " hub-chargeback.usage-api.hubs." + hub.name()
						+ " (its admin endpoint and credential) is not set");
			}
			if (api == null) {
				continue;
			}
			if (hub.usageSource() != UsageSource.API) {
				throw new InvalidConfigurationException("hub-chargeback.usage-api.hubs." + hub.name() + " is set but "
						+ key + ".usage-source is not api: set usage-source: api to fetch the hub's usage");
			}
			if (!readsPointDecimals(hub.culture())) {
				throw new InvalidConfigurationException(key + ".culture: " + hub.culture() + " reads '2,4' but the"
						+ " fetched files write the API's '2.4': set culture: en-US for hub " + hub.name());
			}
			if (hub.userSubscriptionsFile() == null) {
				throw new InvalidConfigurationException(key + ".user-subscriptions-file is not set: hub " + hub.name()
						+ " fetches its user subscriptions from the API into that file");
			}
			if (api.archiveDir() != null && hub.inputDirs().stream().map(UsageFetcher::absolute)
				.noneMatch(absolute(api.archiveDir())::equals)) {
				throw new InvalidConfigurationException("hub-chargeback.usage-api.hubs." + hub.name() + ".archive-dir: "
						+ absolute(api.archiveDir()) + " is none of the hub's input-dirs: the fetched usage would never"
						+ " be charged; add it to input-dirs");
			}
		}
		for (String name : apis.keySet()) {
			if (hubs.stream().noneMatch((hub) -> hub.name().equals(name))) {
				throw new InvalidConfigurationException("hub-chargeback.usage-api.hubs." + name + ": no hub " + name
						+ " is configured (hub-chargeback.hubs)");
			}
		}
	}

	private static boolean readsPointDecimals(String culture) {
		try {
			UsageCulture.of(culture).parseQuantity("0.5");
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static Path absolute(Path path) {
		return path.toAbsolutePath().normalize();
	}

	/**
	 * @return the hubs whose usage comes from the API
	 */
	public List<Hub> apiHubs() {
		return this.properties.hubs().stream().filter((hub) -> hub.usageSource() == UsageSource.API).toList();
	}

	/**
	 * Fetches a hub's windows: from where its last fetch ended (the checkpoint moves on), or the reported days
	 * {@code from} to {@code to} again (written only where no file is kept yet; the checkpoint moves on only when they
	 * continue it).
	 * @throws HubApiException when the hub cannot be read; the windows fetched before it are kept
	 */
	public Fetched fetch(Hub hub, @Nullable LocalDate from, @Nullable LocalDate to) {
		HubApi api = this.settings.hubs().get(hub.name());
		if (api == null || hub.usageSource() != UsageSource.API) {
			throw new InvalidConfigurationException("hub " + hub.name() + " has no usage-source: api");
		}
		Instant now = this.clock.instant();
		LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
		Instant checkpoint = this.checkpoints.fetchedTo(hub.name());
		LocalDate first = (from != null) ? from
				: (checkpoint != null) ? LocalDate.ofInstant(checkpoint, ZoneOffset.UTC) : api.firstDay();
		LocalDate last = (to != null) ? to : today.minusDays(1);
		if (!last.isBefore(today)) {
			throw new InvalidConfigurationException("reported day " + last + " is not over yet (UTC): the hub answers"
					+ " only for days before today");
		}
		HubAdminClient client = new HubAdminClient(hub.name(), api, this.settings);
		Path dir = (api.archiveDir() != null) ? api.archiveDir() : hub.inputDirs().get(0);
		String subscriptions = keepUserSubscriptions(hub, client, dir, now);
		List<Window> windows = new ArrayList<>();
		for (LocalDate day = first; !day.isAfter(last) && windows.size() < this.settings.maxWindowsPerRun(); day = day
			.plusDays(1)) {
			Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
			Instant end = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
			UsageWindowFile file = new UsageWindowFile();
			client.usage(start, end, file::add);
			Path path = dir.resolve(UsageWindowFile.name(hub.name(), day));
			boolean written = file.keep(path);
			// only a window that continues the fetched ones moves the checkpoint: a day given again further on
			// would otherwise let the days between it and the checkpoint be skipped
			Instant fetchedTo = this.checkpoints.fetchedTo(hub.name());
			Instant resumeAt = (fetchedTo != null) ? fetchedTo
					: api.firstDay().atStartOfDay(ZoneOffset.UTC).toInstant();
			if (!start.isAfter(resumeAt) && end.isAfter(resumeAt)) {
				this.checkpoints.record(hub.name(), end, path.toString(), this.clock.instant());
			}
			windows.add(new Window(day, file.records(), path, written));
		}
		boolean more = !windows.isEmpty() && windows.get(windows.size() - 1).reportedDay().isBefore(last);
		return new Fetched(hub.name(), windows, subscriptions, more);
	}

	/**
	 * @return what happened to the user-subscription list, for the operator
	 */
	private String keepUserSubscriptions(Hub hub, HubAdminClient client, Path dir, Instant now) {
		List<JsonNode> subscriptions = new ArrayList<>(client.userSubscriptions());
		// in a stable order, so that an unchanged list is the same bytes (a restarted run checks them)
		subscriptions.sort(Comparator.comparing((JsonNode s) -> s.path("subscriptionId").asString("")));
		ObjectNode list = JSON.createObjectNode();
		ArrayNode value = list.putArray("value");
		subscriptions.forEach(value::add);
		byte[] bytes = (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(list) + "\n")
			.getBytes(StandardCharsets.UTF_8);
		Path current = hub.userSubscriptionsFile();
		if (current == null) {
			throw new InvalidConfigurationException("hub " + hub.name() + " has no user-subscriptions-file");
		}
		try {
			if (Files.exists(current) && Arrays.equals(Files.readAllBytes(current), bytes)) {
				return subscriptions.size() + " user subscriptions, unchanged";
			}
			Path snapshot = dir.resolve("user-subscriptions").resolve(hub.name() + "_" + STAMP.format(now) + ".json");
			Files.createDirectories(snapshot.getParent());
			Files.write(snapshot, bytes);
			Path part = current.resolveSibling("." + current.getFileName() + ".part");
			Files.write(part, bytes);
			Files.move(part, current, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			return subscriptions.size() + " user subscriptions, kept as " + snapshot;
		}
		catch (IOException ex) {
			throw new HubApiException("cannot keep " + hub.name() + "'s user subscriptions in " + current + ": "
					+ ex.getMessage(), ex);
		}
	}

	/**
	 * One hub's fetch.
	 *
	 * @param windows the reported days fetched, in order
	 * @param userSubscriptions what became of the user-subscription list
	 * @param more whether days before today are left for the next fetch (max-windows-per-run)
	 */
	public record Fetched(String hub, List<Window> windows, String userSubscriptions, boolean more) {
	}

	/**
	 * @param written false when the file was kept already with the same bytes
	 */
	public record Window(LocalDate reportedDay, long records, Path file, boolean written) {
	}

}
