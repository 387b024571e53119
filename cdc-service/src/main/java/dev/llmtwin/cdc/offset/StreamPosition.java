package dev.llmtwin.cdc.offset;

import java.util.Optional;

import com.mongodb.client.ChangeStreamIterable;
import org.bson.BsonDocument;
import org.bson.BsonTimestamp;

/**
 * Where a collection's change stream goes on. Immutable: every move makes a new position,
 * and the rules for moving live here.
 */
public sealed interface StreamPosition {

	/** After the newest change the broker confirmed. */
	record ResumeAfter(BsonDocument token) implements StreamPosition {
	}

	/**
	 * After an invalidate event (the collection was dropped or renamed): only
	 * {@code startAfter} may pass it. Kept in memory only; a restart resumes after the
	 * last confirmed change and meets the invalidate again.
	 */
	record StartAfter(BsonDocument token) implements StreamPosition {
	}

	/** At an operation time, inclusive: after a snapshot, or an idle stream caught up. */
	record StartAt(BsonTimestamp operationTime) implements StreamPosition {
	}

	/** The cluster time of the position. */
	default BsonTimestamp operationTime() {
		return switch (this) {
			case ResumeAfter(BsonDocument token) -> ResumeTokens.timestamp(token);
			case StartAfter(BsonDocument token) -> ResumeTokens.timestamp(token);
			case StartAt(BsonTimestamp time) -> time;
		};
	}

	/** Opens the stream at this position. */
	default <T> ChangeStreamIterable<T> applyTo(ChangeStreamIterable<T> stream) {
		return switch (this) {
			case ResumeAfter(BsonDocument token) -> stream.resumeAfter(token);
			case StartAfter(BsonDocument token) -> stream.startAfter(token);
			case StartAt(BsonTimestamp time) -> stream.startAtOperationTime(time);
		};
	}

	/**
	 * Where a stream that has published everything before {@code mark} may say it is:
	 * only forward, and never away from an invalidate token.
	 */
	default Optional<StreamPosition> caughtUpTo(BsonTimestamp mark) {
		if (this instanceof StartAfter || mark.compareTo(operationTime()) <= 0) {
			return Optional.empty();
		}
		return Optional.of(new StartAt(mark));
	}

	/** For people: how the stream goes on, with the time as {@code seconds.increment}. */
	default String describe() {
		String time = describe(operationTime());
		return switch (this) {
			case ResumeAfter ignored -> "after its stored token (" + time + ")";
			case StartAfter ignored -> "after the invalidate event at " + time;
			case StartAt ignored -> "at operation time " + time;
		};
	}

	static String describe(BsonTimestamp time) {
		return Integer.toUnsignedString(time.getTime()) + "." + time.getInc();
	}

}
