package dev.llmtwin.cdc.history;

import java.time.Duration;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import org.bson.BsonDocument;
import org.bson.BsonTimestamp;

import org.springframework.context.SmartLifecycle;

import dev.llmtwin.cdc.offset.StreamPosition;

/**
 * The embedded mongo-java-server's history: the client-visible {@code local.oplog.rs},
 * whose {@code ts} the resume tokens encode. That server neither trims its oplog (held in
 * memory) nor fails a resume from a trimmed position (it silently starts at the oldest
 * entry left), so this history checks positions itself, has idle streams record how far
 * they caught up, and runs the {@link OplogTrimmer} while the application runs.
 */
final class EmbeddedOplogHistory implements ChangeHistory, SmartLifecycle {

	private final MongoCollection<BsonDocument> oplog;

	private final Duration markInterval;

	private final OplogTrimmer trimmer;

	EmbeddedOplogHistory(MongoCollection<BsonDocument> oplog, Duration markInterval, OplogTrimmer trimmer) {
		this.oplog = oplog;
		this.markInterval = markInterval;
		this.trimmer = trimmer;
	}

	@Override
	public BsonTimestamp currentPosition() {
		BsonDocument newest = this.oplog.find()
			.projection(Projections.include("ts"))
			.sort(Sorts.descending("ts"))
			.limit(1)
			.first();
		return (newest != null) ? newest.getTimestamp("ts") : new BsonTimestamp(0, 0);
	}

	/** An entry at or before the position must still exist. */
	@Override
	public boolean retains(StreamPosition position) {
		return this.oplog.find(Filters.lte("ts", position.operationTime()))
			.projection(Projections.include("_id"))
			.first() != null;
	}

	/**
	 * Once per trim interval: up to a second before the newest entry taken before the
	 * poll (an entry of that second may still be on its way into the oplog).
	 */
	@Override
	public CaughtUpMarker caughtUpMarker() {
		long intervalNanos = this.markInterval.toNanos();
		long[] markedAt = { System.nanoTime() };
		return () -> {
			if (System.nanoTime() - markedAt[0] < intervalNanos) {
				return null;
			}
			markedAt[0] = System.nanoTime();
			BsonTimestamp newest = currentPosition();
			return (newest.getTime() > 1) ? new BsonTimestamp(newest.getTime() - 1, 0) : null;
		};
	}

	@Override
	public void start() {
		this.trimmer.start();
	}

	@Override
	public void stop() {
		this.trimmer.stop();
	}

	@Override
	public boolean isRunning() {
		return this.trimmer.isRunning();
	}

}
