package dev.llmtwin.cdc.offset;

import java.util.Optional;

import org.bson.BsonDocument;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;

/** Keeps each change stream's position, and its snapshot's progress, across restarts. */
public interface ResumeTokenStore {

	/** The stored offset of a collection's stream; empty: never started. */
	Optional<StreamOffset> load(String collection);

	/**
	 * Records that every change up to the one at {@code resumeToken} was confirmed: the
	 * stream resumes after it, and the published count grows by {@code count}.
	 */
	void confirmed(String collection, BsonDocument resumeToken, long count);

	/**
	 * Records that the stream has published everything before {@code position} (an idle
	 * stream's position moves on, so that the history before it may be trimmed).
	 */
	void caughtUp(String collection, BsonTimestamp position);

	/** Records that a snapshot begins, before its position is taken. */
	void snapshotStarted(String collection, String snapshotId);

	/**
	 * Records the position taken before the snapshot's first read; with
	 * {@code streamFromPosition} the stream also goes on from there (its token is gone or
	 * no longer in the history).
	 */
	void snapshotPositioned(String collection, BsonTimestamp position, boolean streamFromPosition);

	/** Records that the snapshot's documents up to {@code lastId} were confirmed. */
	void snapshotProgressed(String collection, BsonValue lastId, long count);

	void snapshotFinished(String collection);

}
