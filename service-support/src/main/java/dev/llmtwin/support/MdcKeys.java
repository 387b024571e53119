package dev.llmtwin.support;

/** Keys of the logging context, printed by the log pattern of every service. */
public final class MdcKeys {

	public static final String JOB_ID = "jobId";

	public static final String EVENT_ID = "eventId";

	private MdcKeys() {
	}

}
