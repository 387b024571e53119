package dev.llmtwin.cdc.offset;

import java.time.Instant;

import org.bson.BsonTimestamp;
import org.bson.BsonValue;

/**
 * What is stored of a collection's change stream: where it goes on, and a snapshot in
 * progress, if any.
 *
 * @param position where the stream goes on; {@code null} when it never had one
 * @param published how many changes were confirmed so far
 * @param snapshot a snapshot not finished yet, or {@code null}
 */
public record StreamOffset(String collection, StreamPosition position, long published, Instant updatedAt,
		Snapshot snapshot) {

	/** A stream that never ran. */
	public static StreamOffset none(String collection) {
		return new StreamOffset(collection, null, 0, null, null);
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

		public static Snapshot started(String id) {
			return new Snapshot(id, null, null, 0);
		}

		public Snapshot positioned(BsonTimestamp at) {
			return new Snapshot(this.id, at, this.lastId, this.published);
		}

		public Snapshot progressed(BsonValue last, long count) {
			return new Snapshot(this.id, this.position, last, this.published + count);
		}

	}

}
