package dev.llmtwin.cdc.history;

import org.bson.BsonTimestamp;

/**
 * Marks how far an idle stream has caught up (see
 * {@link ChangeHistory#caughtUpMarker()}).
 */
@FunctionalInterface
public interface CaughtUpMarker {

	/** For a server that keeps its history by itself: an idle stream records nothing. */
	CaughtUpMarker NONE = () -> null;

	/**
	 * Asked before a poll while nothing is in flight or unsaved: the position the stream
	 * has caught up to if that poll brings nothing; {@code null} when no mark is due.
	 */
	BsonTimestamp beforeIdlePoll();

}
