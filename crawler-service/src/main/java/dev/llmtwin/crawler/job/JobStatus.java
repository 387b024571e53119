package dev.llmtwin.crawler.job;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The status of a whole crawl job, derived from its links on every read so that it can
 * never disagree with them.
 */
enum JobStatus {

	QUEUED, RUNNING, DONE, FAILED, CANCELLED;

	static JobStatus of(CrawlJobView.Counts counts) {
		if (counts.queued() == counts.total()) {
			return QUEUED;
		}
		if (counts.queued() + counts.running() > 0) {
			return RUNNING;
		}
		if (counts.cancelled() > 0) {
			return CANCELLED;
		}
		return (counts.done() + counts.unchanged() > 0) ? DONE : FAILED;
	}

	@JsonValue
	String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

}
