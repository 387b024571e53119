package dev.llmtwin.cdc.history;

import org.bson.BsonTimestamp;

import dev.llmtwin.cdc.offset.StreamPosition;

/**
 * MongoDB's change history as far as the streams need it. One implementation per kind of
 * server, chosen once at start-up ({@link ChangeHistoryConfiguration}); nothing else asks
 * which server it talks to.
 */
public interface ChangeHistory {

	/**
	 * The newest position in the history now; a stream started at it misses nothing
	 * written after this call.
	 */
	BsonTimestamp currentPosition();

	/** Whether the history still holds everything after {@code position}. */
	boolean retains(StreamPosition position);

	/**
	 * A new marker for one stream's idle polls: where the stream may record that it has
	 * caught up, so that the history before it can be dropped.
	 */
	CaughtUpMarker caughtUpMarker();

}
