package dev.llmtwin.crawler.job;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where one link of a crawl job stands. */
enum LinkStatus {

	QUEUED, RUNNING, DONE, UNCHANGED, FAILED, CANCELLED;

	@JsonValue
	String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

}
