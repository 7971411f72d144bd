package org.hubchargeback.reconcile;

/**
 * Why a reconciliation row's charged and billed usage differ, as finance reads it in {@code reconciliation.csv}; the
 * order is the order of the warnings.
 */
public enum Difference {

	/**
	 * Microsoft billed the usage to another Azure subscription than the job charged: the hub's registration was out of
	 * date when the job resolved it (a tenant registered or moved since).
	 */
	BILLED_TO_OTHER_SUBSCRIPTION("Microsoft billed it to another subscription than the job charged: fetch the"
			+ " registration (--fetch-registrations) and rerun the range, or correct the registration in Azure"),

	/**
	 * Microsoft billed usage that no published chargeback file holds: an export is missing (or the day is not
	 * published yet).
	 */
	MISSED_EXPORT("Microsoft billed usage no published chargeback file holds: put the missing export in the hub's"
			+ " input folder and run the days"),

	/**
	 * The job charged usage that Microsoft did not bill: not forwarded yet (the reconciliation file is monthly), or the
	 * registration changed.
	 */
	NOT_BILLED("the job charged usage Microsoft did not bill: check the next reconciliation file, and the hub's"
			+ " registration and usage forwarding"),

	/**
	 * The job charged usage of a day after the last usage day Partner Center's files hold: Microsoft has not billed
	 * the day yet (the daily rated usage file is downloaded before the period ends). Reported, never a warning.
	 */
	NOT_BILLED_YET(""),

	/**
	 * Both sides hold the usage, with quantities further apart than the tolerance.
	 */
	QUANTITY_DIFFERENCE("charged and billed quantities differ beyond the tolerance: compare the hub's exports of the"
			+ " day with Partner Center's lines"),

	/**
	 * Quantities agree, but Microsoft billed in another currency than the job's rate card prices in: no margin.
	 */
	OTHER_CURRENCY("billed in another currency than the rate card's: no margin; price in the billing currency"),

	/**
	 * Partner Center's line names no local meter (no {@code azureStack.MeterId}, and its {@code MeterId} is none of the
	 * hub's): it cannot be compared.
	 */
	METER_NOT_MATCHED("Partner Center's line names no Azure Stack Hub meter (no azureStack.MeterId in AdditionalInfo):"
			+ " compare it by hand"),

	/**
	 * Charged and billed agree.
	 */
	MATCHED("");

	private final String action;

	Difference(String action) {
		this.action = action;
	}

	/**
	 * @return whether finance must look at it: a warning (exit 3)
	 */
	public boolean warns() {
		return !this.action.isEmpty();
	}

	/**
	 * @return what the difference means and what to do about it, for the warning
	 */
	public String action() {
		return this.action;
	}

}
