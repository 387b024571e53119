package dev.llmtwin.cdc.stream;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a collection's stream is doing. */
enum StreamState {

	/** Another instance holds the stream's lease; this one takes over when it expires. */
	STANDBY,
	/** Publishing the collection's existing documents. */
	SNAPSHOT,
	/** Tailing the change stream and publishing. */
	RUNNING,
	/** Waiting to publish again, or to reopen the stream, after a failure. */
	RETRYING,
	/**
	 * The stored position is no longer in the history and no snapshot may repair it:
	 * waiting for {@code POST /api/cdc/snapshot}.
	 */
	HISTORY_LOST,
	/** Not started yet, or shut down. */
	STOPPED;

	@JsonValue
	String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

}
