package org.hubchargeback.launch;

import java.io.PrintStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.hubchargeback.job.InvalidConfigurationException;
import org.hubchargeback.registration.RegistrationException;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

/**
 * {@code --from=2026-11-01 --to=2026-11-30} charges a range; {@code --nightly} charges the days since the last
 * nightly run. Prints one line per run and exits 0 when every run completed, 1 when a run failed, 2 when the
 * command or the configuration is wrong.
 */
@Component
public class ChargebackCommandLine implements ApplicationRunner, ExitCodeGenerator {

	public static final int FAILED = 1;

	public static final int USAGE = 2;

	static final String USAGE_TEXT = "usage: hub-chargeback --from=YYYY-MM-DD [--to=YYYY-MM-DD] | --nightly";

	private final ChargebackLauncher launcher;

	private final PrintStream out;

	private final PrintStream err;

	private int exitCode;

	public ChargebackCommandLine(ChargebackLauncher launcher) {
		this.launcher = launcher;
		this.out = System.out;
		this.err = System.err;
	}

	@Override
	public void run(ApplicationArguments args) {
		try {
			List<RunResult> results;
			if (args.containsOption("nightly")) {
				results = this.launcher.runNightly();
				if (results.isEmpty()) {
					this.out.println("hub-chargeback: nightly: every complete day is already charged");
				}
			}
			else if (args.containsOption("from")) {
				LocalDate from = date(args, "from");
				LocalDate to = args.containsOption("to") ? date(args, "to") : from;
				results = List.of(this.launcher.runRange(from, to));
			}
			else {
				this.err.println(USAGE_TEXT);
				this.exitCode = USAGE;
				return;
			}
			for (RunResult result : results) {
				report(result);
			}
		}
		catch (RunRefusedException | InvalidConfigurationException | RegistrationException ex) {
			this.err.println("hub-chargeback: " + ex.getMessage());
			this.exitCode = USAGE;
		}
	}

	private void report(RunResult result) {
		String run = "hub-chargeback: " + result.range() + " run " + result.run() + " " + result.status();
		if (result.completed()) {
			this.out.println(run + ": " + result.detail());
			this.out.println("hub-chargeback: files in " + result.publishedDir());
		}
		else {
			this.err.println(run + ": " + result.detail());
			this.exitCode = FAILED;
		}
	}

	private LocalDate date(ApplicationArguments args, String name) {
		List<String> values = args.getOptionValues(name);
		if (values == null || values.size() != 1 || values.get(0) == null) {
			throw new RunRefusedException("--" + name + " needs one date, yyyy-MM-dd; " + USAGE_TEXT);
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
