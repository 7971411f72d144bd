package org.hubchargeback.launch;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hubchargeback.csv.CsvDialect;
import org.hubchargeback.ledger.LedgerStore;
import org.hubchargeback.ledger.LedgerStore.LedgerDay;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * {@code --ledger [--from … --to …]}: per hub and usage day, the published folder that charges it and what it charged,
 * and the late-reported records other folders charged of it; as CSV on standard output, so it can be loaded or
 * diffed. A day that two folders charge as their own is an error (exit 1): loading every folder would bill it twice.
 */
@Component
class LedgerReport {

	static final List<String> HEADER = List.of("HubName", "UsageDate", "ChargedBy", "Run", "Records", "Quantity",
			"LateRecords", "LateQuantity", "LateChargedBy");

	private final LedgerStore ledger;

	LedgerReport(LedgerStore ledger) {
		this.ledger = ledger;
	}

	int print(@Nullable LocalDate from, @Nullable LocalDate to, PrintStream out, PrintStream err) {
		Map<List<Object>, List<LedgerDay>> days = new LinkedHashMap<>();
		for (LedgerDay day : this.ledger.days(from, to)) {
			days.computeIfAbsent(List.of(day.hub(), day.day()), (k) -> new ArrayList<>()).add(day);
		}
		out.print(CsvDialect.line(HEADER.toArray()) + CsvDialect.LINE_SEPARATOR);
		List<String> twice = new ArrayList<>();
		for (List<LedgerDay> folders : days.values()) {
			List<LedgerDay> own = folders.stream().filter((day) -> !day.late()).toList();
			List<LedgerDay> late = folders.stream().filter(LedgerDay::late).toList();
			LedgerDay first = folders.get(0);
			if (own.size() > 1) {
				twice.add("hub " + first.hub() + " " + first.day() + " is charged by " + own.size() + " folders: "
						+ String.join(", ", own.stream().map(LedgerDay::folder).toList()));
			}
			LedgerDay charged = own.isEmpty() ? null : own.get(0);
			out.print(CsvDialect.line(first.hub(), first.day(), (charged != null) ? charged.folder() : "",
					(charged != null) ? charged.run() : "", (charged != null) ? charged.records() : 0,
					CsvDialect.quantity((charged != null) ? charged.quantity() : BigDecimal.ZERO),
					late.stream().mapToLong(LedgerDay::records).sum(),
					CsvDialect.quantity(late.stream().map(LedgerDay::quantity).reduce(BigDecimal.ZERO, BigDecimal::add)),
					String.join(" ", late.stream().map(LedgerDay::folder).toList())) + CsvDialect.LINE_SEPARATOR);
		}
		for (String problem : twice) {
			err.println("hub-chargeback: " + problem + "; loading every published folder bills it twice: rerun the"
					+ " range of the folders that should charge it and remove the others");
		}
		err.println("hub-chargeback: ledger: " + days.size() + " hub usage day(s)"
				+ (twice.isEmpty() ? ", each charged by one published folder" : ", " + twice.size() + " charged twice"));
		return twice.isEmpty() ? 0 : ChargebackCommandLine.FAILED;
	}

}
