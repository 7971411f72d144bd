package org.hubchargeback.launch;

import java.io.PrintStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.hubchargeback.config.InvalidConfigurationException;
import org.hubchargeback.csv.Printable;
import org.hubchargeback.registration.AzureRegistrationException;
import org.hubchargeback.registration.RegistrationException;
import org.hubchargeback.remote.PartitionWorker;
import org.hubchargeback.run.OutputLock;
import org.hubchargeback.run.RunLock;
import org.hubchargeback.run.RunOptions;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

/**
 * The command line. Charging: {@code --from=2026-11-01 --to=2026-11-30 [--snapshot=ID,...]} or {@code --nightly},
 * each with an optional {@code --as-of=INSTANT} to run as if it were then (see {@code ClockConfiguration});
 * {@code --ledger} shows which published folder charges each usage day; {@code --reconcile --from … --to …} compares
 * a published range with Partner Center's reconciliation files.
 * Usage API: {@code --fetch-usage [--hub=NAME] [--reported-from=DAY --reported-to=DAY]} fetches the usage of the hubs
 * with {@code usage-source: api}; {@code --nightly} fetches it before charging (see {@link UsageFetchCommand}).
 * Scale-out: {@code --worker} runs partitions for remote managers until stopped.
 * Registration: {@code --fetch-registrations}, {@code --list-snapshots}, {@code --diff-snapshots=A,B},
 * {@code --validate-registration}, {@code --register-customer}, {@code --unregister-customer}. Prints
 * {@code hub-chargeback: ...} lines and exits 0 when done, 1 when a run failed (or Azure refused, or a check found
 * problems), 2 when the command or configuration is wrong or another process holds the job database or the output
 * folder, 3 when runs completed with warnings. SIGTERM or SIGINT
 * during a run ends the process at once with 143 or 130 (128 + the signal, as the JVM does) after the line
 * {@code hub-chargeback: <range> run N stopped by SIGTERM: run the same command again to resume it where it stopped}:
 * the run is left as {@code kill -9} leaves it, and the same command restarts it (see {@link SignalStop}).
 */
@Component
public class ChargebackCommandLine implements ApplicationRunner, ExitCodeGenerator {

	public static final int FAILED = 1;

	public static final int USAGE = 2;

	public static final int COMPLETED_WITH_WARNINGS = 3;

	static final String USAGE_TEXT = """
			usage: hub-chargeback --from=YYYY-MM-DD [--to=YYYY-MM-DD] [--snapshot=ID[,ID...]] [--force] [--dry-run]
			                      [--as-of=INSTANT]
			       hub-chargeback --nightly [--as-of=INSTANT]
			       hub-chargeback --ledger [--from=YYYY-MM-DD] [--to=YYYY-MM-DD]
			       hub-chargeback --reconcile --from=YYYY-MM-DD [--to=YYYY-MM-DD]
			       hub-chargeback --fetch-usage [--hub=NAME] [--reported-from=YYYY-MM-DD --reported-to=YYYY-MM-DD]
			       hub-chargeback --worker
			       hub-chargeback --fetch-registrations [--hub=NAME]
			       hub-chargeback --list-snapshots [--hub=NAME]
			       hub-chargeback --diff-snapshots=OLD_ID,NEW_ID
			       hub-chargeback --validate-registration [--hub=NAME]
			       hub-chargeback --register-customer --hub=NAME --customer-subscription=ID --tenant=ID
			       hub-chargeback --unregister-customer --hub=NAME --customer-subscription=ID --confirm""";

	private final ChargebackLauncher launcher;

	private final RegistrationCommands registrations;

	private final RunLock lock;

	private final OutputLock outputLock;

	private final ObjectProvider<PartitionWorker> worker;

	private final LedgerReport ledger;

	private final ReconcileReport reconcile;

	private final UsageFetchCommand usageFetch;

	private final PrintStream out;

	private final PrintStream err;

	private int exitCode;

	public ChargebackCommandLine(ChargebackLauncher launcher, RegistrationCommands registrations, RunLock lock,
			OutputLock outputLock, ObjectProvider<PartitionWorker> worker, LedgerReport ledger,
			ReconcileReport reconcile, UsageFetchCommand usageFetch) {
		this.outputLock = outputLock;
		this.reconcile = reconcile;
		this.usageFetch = usageFetch;
		this.ledger = ledger;
		this.launcher = launcher;
		this.registrations = registrations;
		this.lock = lock;
		this.worker = worker;
		this.out = System.out;
		this.err = System.err;
	}

	@Override
	public void run(ApplicationArguments args) {
		try {
			this.exitCode = dispatch(args);
		}
		catch (RunRefusedException | InvalidConfigurationException ex) {
			// a refusal may say on further lines what would be allowed: each is a line of its own for the operator
			String reason = String.valueOf(ex.getMessage());
			reason.lines().forEach((line) -> this.err.println("hub-chargeback: " + line));
			this.exitCode = USAGE;
		}
		catch (AzureRegistrationException ex) {
			this.err.println("hub-chargeback: " + ex.getMessage());
			this.exitCode = FAILED;
		}
		catch (RegistrationException ex) {
			this.err.println("hub-chargeback: " + ex.getMessage());
			this.exitCode = USAGE;
		}
	}

	private int dispatch(ApplicationArguments args) {
		CommandLineOptions.unknown(args.getOptionNames()).ifPresent((reason) -> {
			throw new RunRefusedException(reason);
		});
		if (args.containsOption("worker")) {
			return worker();
		}
		if (args.containsOption("ledger")) {
			return this.ledger.print(args.containsOption("from") ? date(args, "from") : null,
					args.containsOption("to") ? date(args, "to") : null, this.out, this.err);
		}
		if (args.containsOption("reconcile")) {
			LocalDate from = date(args, "from");
			this.outputLock.acquire();
			try {
				return this.reconcile.print(from, args.containsOption("to") ? date(args, "to") : from, this.out,
						this.err);
			}
			finally {
				this.outputLock.release();
			}
		}
		boolean charging = args.containsOption("nightly") || args.containsOption("from");
		if (args.containsOption("as-of") && !charging) {
			// another command would only stamp what it records (a registration snapshot) with a made-up time
			throw new RunRefusedException("--as-of goes with --nightly or --from");
		}
		if (charging) {
			this.lock.acquire();
			try {
				this.outputLock.acquire();
				try (SignalStop stop = SignalStop.install(this.launcher::running, this.err)) {
					return runs(args);
				}
				finally {
					this.outputLock.release();
				}
			}
			finally {
				this.lock.release();
			}
		}
		String hub = option(args, "hub");
		if (args.containsOption("fetch-usage")) {
			this.lock.acquire();
			try {
				return this.usageFetch.fetch(hub, optionalDate(args, "reported-from"),
						optionalDate(args, "reported-to"), this.out, this.err);
			}
			finally {
				this.lock.release();
			}
		}
		if (args.containsOption("fetch-registrations")) {
			return this.registrations.fetch(hub, this.out);
		}
		if (args.containsOption("list-snapshots")) {
			return this.registrations.list(hub, this.out);
		}
		if (args.containsOption("diff-snapshots")) {
			String[] ids = requiredOption(args, "diff-snapshots").split(",");
			if (ids.length != 2) {
				throw new RunRefusedException("--diff-snapshots needs two snapshot IDs: OLD_ID,NEW_ID");
			}
			return this.registrations.diff(id(ids[0]), id(ids[1]), this.out);
		}
		if (args.containsOption("validate-registration")) {
			return this.registrations.validate(hub, this.out);
		}
		if (args.containsOption("register-customer")) {
			return this.registrations.register(requiredOption(args, "hub"),
					requiredOption(args, "customer-subscription"), requiredOption(args, "tenant"), this.out, this.err);
		}
		if (args.containsOption("unregister-customer")) {
			return this.registrations.unregister(requiredOption(args, "hub"),
					requiredOption(args, "customer-subscription"), args.containsOption("confirm"), this.out, this.err);
		}
		this.err.println(USAGE_TEXT);
		return USAGE;
	}

	/**
	 * Runs the partitions managers send until stopped (SIGTERM); the worker's beans exist only with
	 * {@code --worker} (see {@code RemotePartitioningConfiguration}).
	 */
	private int worker() {
		PartitionWorker worker = this.worker.getIfAvailable();
		if (worker == null) {
			throw new IllegalStateException("no partition worker in this process");
		}
		this.out.println("hub-chargeback: worker waiting for partitions; stop it with SIGTERM");
		try {
			worker.awaitShutdown();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.out.println("hub-chargeback: worker stopped");
		return 0;
	}

	private int runs(ApplicationArguments args) {
		if (args.containsOption("nightly")) {
			// a day charged without the usage its hub could not give would be charged short: nothing is charged then
			int fetched = this.usageFetch.fetch(null, null, null, this.out, this.err);
			if (fetched != 0) {
				this.err.println("hub-chargeback: nightly: nothing charged, since a hub's usage could not be fetched");
				return fetched;
			}
			List<RunResult> results = this.launcher.runNightly();
			if (results.isEmpty()) {
				this.out.println("hub-chargeback: nightly: every complete day is already charged");
			}
			return report(results);
		}
		LocalDate from = date(args, "from");
		LocalDate to = args.containsOption("to") ? date(args, "to") : from;
		String snapshots = args.containsOption("snapshot") ? String.join(",", args.getOptionValues("snapshot")) : "";
		RunOptions options = new RunOptions("manual", snapshots, args.containsOption("force"),
				args.containsOption("dry-run"));
		return report(List.of(this.launcher.runRange(from, to, options)));
	}

	private int report(List<RunResult> results) {
		int code = 0;
		for (RunResult result : results) {
			String run = "hub-chargeback: " + result.range() + " run " + result.run() + " " + result.status();
			if (result.completed()) {
				this.out.println(run + ": " + Printable.of(result.detail()));
				if (result.dryRun()) {
					this.out.println("hub-chargeback: dry run: nothing published");
				}
				else {
					this.out.println("hub-chargeback: files in " + result.publishedDir());
				}
				notes(result);
				for (String change : result.restatement()) {
					this.out.println("hub-chargeback: restated " + change);
				}
				for (String warning : result.warnings()) {
					this.err.println("hub-chargeback: WARNING: " + Printable.of(warning));
					code = Math.max(code, COMPLETED_WITH_WARNINGS);
				}
			}
			else {
				// the detail may quote an export (a file name, a header): one line, whatever it holds
				this.err.println(run + ": " + Printable.of(result.detail()));
				notes(result);
				code = FAILED;
			}
		}
		return (code == COMPLETED_WITH_WARNINGS || code == 0) ? code : FAILED;
	}

	private void notes(RunResult result) {
		for (String note : result.notes()) {
			this.out.println("hub-chargeback: " + Printable.of(note));
		}
	}

	private static long id(String text) {
		try {
			return Long.parseLong(text.strip());
		}
		catch (NumberFormatException ex) {
			throw new RunRefusedException("'" + text + "' is not a snapshot ID");
		}
	}

	private static String requiredOption(ApplicationArguments args, String name) {
		String value = option(args, name);
		if (value == null) {
			throw new RunRefusedException("--" + name + " is required here; " + USAGE_TEXT.lines().findFirst().get());
		}
		return value;
	}

	private static @Nullable String option(ApplicationArguments args, String name) {
		List<String> values = args.getOptionValues(name);
		if (values == null || values.isEmpty() || values.get(0) == null || values.get(0).isBlank()) {
			return null;
		}
		return values.get(0).strip();
	}

	private @Nullable LocalDate optionalDate(ApplicationArguments args, String name) {
		return args.containsOption(name) ? date(args, name) : null;
	}

	private LocalDate date(ApplicationArguments args, String name) {
		List<String> values = args.getOptionValues(name);
		if (values == null || values.size() != 1 || values.get(0) == null) {
			throw new RunRefusedException("--" + name + " needs one date, yyyy-MM-dd");
		}
		try {
			return LocalDate.parse(values.get(0).strip());
		}
		catch (DateTimeParseException ex) {
			throw new RunRefusedException("--" + name + "=" + values.get(0) + " is not a date (yyyy-MM-dd)");
		}
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

}
