package org.hubchargeback.launch;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;

import org.hubchargeback.csv.Printable;
import org.hubchargeback.reconcile.PartnerCenterReconciliation;
import org.hubchargeback.reconcile.PartnerCenterReconciliation.Outcome;
import org.hubchargeback.run.PublishedFolders.Days;
import org.hubchargeback.run.RunPaths;

import org.springframework.stereotype.Component;

/**
 * {@code --reconcile --from … [--to …]}: what was charged against what Partner Center billed, one line per kind of
 * difference; exit 3 when there are differences (finance must look), 0 when everything matched.
 */
@Component
class ReconcileReport {

	private final PartnerCenterReconciliation reconciliation;

	ReconcileReport(PartnerCenterReconciliation reconciliation) {
		this.reconciliation = reconciliation;
	}

	int print(LocalDate from, LocalDate to, PrintStream out, PrintStream err) {
		if (to.isBefore(from)) {
			throw new RunRefusedException("--to " + to + " is before --from " + from);
		}
		Outcome outcome;
		try {
			outcome = this.reconciliation.reconcile(from, to);
		}
		catch (IOException | UncheckedIOException ex) {
			err.println("hub-chargeback: reconcile " + new Days(from, to) + " failed: "
					+ Printable.of(String.valueOf(ex.getMessage())));
			return ChargebackCommandLine.FAILED;
		}
		out.println("hub-chargeback: reconcile " + new Days(from, to) + ": " + outcome.rows().size()
				+ " row(s) from the chargeback files of " + outcome.folders().size() + " published folder(s) and "
				+ outcome.billedLines() + " Azure Stack Hub line(s) of " + outcome.files()
				+ " Partner Center file(s); " + outcome.differences().values().stream().mapToLong(Long::longValue).sum()
				+ " with a difference");
		out.println("hub-chargeback: files in " + outcome.folder().toAbsolutePath() + " (" + RunPaths.RECONCILIATION
				+ ")");
		for (String warning : outcome.warnings()) {
			err.println("hub-chargeback: WARNING: " + Printable.of(warning));
		}
		return outcome.warnings().isEmpty() ? 0 : ChargebackCommandLine.COMPLETED_WITH_WARNINGS;
	}

}
