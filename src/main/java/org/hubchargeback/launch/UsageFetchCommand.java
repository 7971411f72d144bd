package org.hubchargeback.launch;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.List;

import org.hubchargeback.config.HubChargebackProperties.Hub;
import org.hubchargeback.config.HubChargebackProperties.UsageSource;
import org.hubchargeback.hubapi.HubApiException;
import org.hubchargeback.hubapi.UsageFetcher;
import org.hubchargeback.hubapi.UsageFetcher.Fetched;
import org.hubchargeback.hubapi.UsageFetcher.Window;
import org.hubchargeback.run.RunInputs;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * {@code --fetch-usage}: reads the usage of the hubs with {@code usage-source: api} into their input folders and
 * prints what arrived, per reported day; {@code --nightly} does the same before it charges.
 */
@Component
public class UsageFetchCommand {

	private final UsageFetcher fetcher;

	private final RunInputs inputs;

	public UsageFetchCommand(UsageFetcher fetcher, RunInputs inputs) {
		this.fetcher = fetcher;
		this.inputs = inputs;
	}

	/**
	 * @param hubName one hub, or every hub fetched from the API
	 * @return 0 when every hub was fetched, 1 when one could not be (the hubs and days before it are kept)
	 */
	int fetch(@Nullable String hubName, @Nullable LocalDate from, @Nullable LocalDate to, PrintStream out,
			PrintStream err) {
		if ((from == null) != (to == null)) {
			throw new RunRefusedException("--reported-from and --reported-to go together");
		}
		if (from != null && to != null && to.isBefore(from)) {
			throw new RunRefusedException("--reported-to " + to + " is before --reported-from " + from);
		}
		List<Hub> hubs;
		if (hubName != null) {
			Hub hub = this.inputs.hub(hubName);
			if (hub.usageSource() != UsageSource.API) {
				throw new RunRefusedException("hub " + hub.name() + " is charged from export files (usage-source:"
						+ " files): there is nothing to fetch");
			}
			hubs = List.of(hub);
		}
		else {
			hubs = this.fetcher.apiHubs();
			if (hubs.isEmpty() && from != null) {
				throw new RunRefusedException("no hub has usage-source: api");
			}
		}
		for (Hub hub : hubs) {
			try {
				print(this.fetcher.fetch(hub, from, to), out);
			}
			catch (HubApiException ex) {
				err.println("hub-chargeback: " + ex.getMessage());
				err.println("hub-chargeback: " + hub.name() + ": the days fetched before are kept; run the same"
						+ " command again once the hub answers");
				return ChargebackCommandLine.FAILED;
			}
		}
		return 0;
	}

	private static void print(Fetched fetched, PrintStream out) {
		out.println("hub-chargeback: " + fetched.hub() + ": " + fetched.userSubscriptions());
		if (fetched.windows().isEmpty()) {
			out.println("hub-chargeback: " + fetched.hub() + ": every reported day before today is fetched already");
		}
		for (Window window : fetched.windows()) {
			out.println("hub-chargeback: " + fetched.hub() + ": reported " + window.reportedDay() + ": "
					+ window.records() + " records " + (window.written() ? "in " : "kept already in ") + window.file());
		}
		if (fetched.more()) {
			out.println("hub-chargeback: " + fetched.hub() + ": more days to fetch (max-windows-per-run); the next"
					+ " fetch goes on from there");
		}
	}

}
