package dev.llmtwin.cdc.offset;

import java.time.Instant;

import org.bson.BsonDocument;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;

/**
 * Where a collection's change stream resumes: after the token of the newest change the
 * broker confirmed, or (after a snapshot, before any change was confirmed) at an
 * operation time; and a snapshot in progress, if any.
 *
 * @param resumeToken resume after this token; {@code null} when there is none
 * @param startAt start at this operation time (inclusive) when there is no token
 * @param published how many changes were confirmed so far
 * @param snapshot a snapshot not finished yet, or {@code null}
 */
public record StreamOffset(String collection, BsonDocument resumeToken, BsonTimestamp startAt, long published,
		Instant updatedAt, Snapshot snapshot) {

	/** Whether the offset says where the stream goes on. */
	public boolean hasPosition() {
		return this.resumeToken != null || this.startAt != null;
	}

	/**
	 * @param id names the snapshot in its events' ids
	 * @param position the history position recorded before the first document was read;
	 * {@code null} until recorded
	 * @param lastId the {@code _id} of the last confirmed document (documents go out in
	 * {@code _id} order); {@code null} before the first
	 * @param published how many documents were confirmed so far
	 */
	public record Snapshot(String id, BsonTimestamp position, BsonValue lastId, long published) {
	}

}
