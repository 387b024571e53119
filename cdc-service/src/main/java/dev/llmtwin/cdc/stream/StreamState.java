package dev.llmtwin.cdc.stream;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a collection's stream is doing. */
enum StreamState {

	/** Tailing the change stream and publishing. */
	RUNNING,
	/** Waiting to publish a change again, or to reopen the stream, after a failure. */
	RETRYING,
	/** Not started yet, or shut down. */
	STOPPED;

	@JsonValue
	String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

}
