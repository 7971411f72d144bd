package org.hubchargeback.launch;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * What SIGTERM (systemd stopping the unit) and SIGINT (Ctrl-C) do while runs are in progress: print the line that
 * says which run stopped and how to resume it, then end the process at once with {@code 128 + signal} (143, 130), as
 * the JVM would.
 * <p>
 * The JVM's own handling runs the shutdown hooks, and those close the job database (Spring's context, H2's hook)
 * under the running step: the step then fails to record itself and Spring Batch marks it UNKNOWN ("should not be
 * restarted"), which the next command cannot restart. Ending with {@link Runtime#halt} instead leaves the run exactly
 * as {@code kill -9} does, marked STARTED, and the next command recovers it and restarts it where it stopped.
 */
final class SignalStop implements AutoCloseable {

	private static final List<String> SIGNALS = List.of("TERM", "INT");

	private final Map<Signal, SignalHandler> previous = new HashMap<>();

	private SignalStop() {
	}

	/**
	 * Until {@link #close()}, SIGTERM and SIGINT print a line naming {@code running} (null between runs) and end the
	 * process.
	 */
	static SignalStop install(Supplier<@Nullable String> running, PrintStream err) {
		SignalStop stop = new SignalStop();
		for (String name : SIGNALS) {
			Signal signal = new Signal(name);
			SignalHandler handler = (received) -> {
				err.println(line(running.get(), "SIG" + received.getName()));
				err.flush();
				Runtime.getRuntime().halt(128 + received.getNumber());
			};
			stop.previous.put(signal, Signal.handle(signal, handler));
		}
		return stop;
	}

	static String line(@Nullable String running, String signal) {
		if (running == null) {
			return "hub-chargeback: stopped by " + signal + " before a run started: run the same command again";
		}
		return "hub-chargeback: " + running + " stopped by " + signal
				+ ": run the same command again to resume it where it stopped";
	}

	@Override
	public void close() {
		this.previous.forEach(Signal::handle);
		this.previous.clear();
	}

}
