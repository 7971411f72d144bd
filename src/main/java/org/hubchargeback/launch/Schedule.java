package org.hubchargeback.launch;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Which usage days can be charged at a moment. A UTC day is complete once it has ended and the nightly lag has passed
 * since (a hub's usage trails by hours); charging a day before that would publish it without its late usage, as a
 * complete-looking invoice.
 *
 * @param now the configured clock's now ({@code --as-of}, or the system clock)
 * @param lag {@code hub-chargeback.nightly.lag}
 */
record Schedule(Instant now, Duration lag) {

	/**
	 * @return the last day that is complete now
	 */
	LocalDate lastCompleteDay() {
		return LocalDate.ofInstant(this.now.minus(this.lag), ZoneOffset.UTC).minusDays(1);
	}

	/**
	 * @return when {@code day} becomes complete
	 */
	Instant completeAt(LocalDate day) {
		return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().plus(this.lag);
	}

	/**
	 * @throws RunRefusedException when {@code from..to} holds a day that is not complete yet
	 */
	void refuseIncomplete(LocalDate from, LocalDate to) {
		LocalDate last = lastCompleteDay();
		if (!to.isAfter(last)) {
			return;
		}
		LocalDate first = from.isAfter(last) ? from : last.plusDays(1);
		String why = first + " has not ended yet (with the nightly lag of " + this.lag + " the last complete day is "
				+ last + " at " + this.now.truncatedTo(ChronoUnit.SECONDS) + ")";
		throw new RunRefusedException(from.isAfter(last)
				? why + ": charge --from " + from + " --to " + to + " from " + completeAt(to) + " on"
				: why + ": charge up to --to " + last);
	}

	/**
	 * The days a nightly run is for: every complete day after the last one a nightly run charged, or only the last
	 * complete day when none did yet, oldest first.
	 *
	 * @param lastNightly the last day a nightly run charged, or null
	 */
	List<LocalDate> nightlyDays(@Nullable LocalDate lastNightly) {
		LocalDate last = lastCompleteDay();
		List<LocalDate> days = new ArrayList<>();
		for (LocalDate day = (lastNightly != null) ? lastNightly.plusDays(1) : last; !day.isAfter(last);
				day = day.plusDays(1)) {
			days.add(day);
		}
		return days;
	}

}
