package dev.llmtwin.cdc.stream;

import java.time.Duration;

import org.bson.BsonDocument;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.llmtwin.cdc.offset.ResumeTokenStore;
import dev.llmtwin.cdc.offset.StreamOffset;
import dev.llmtwin.cdc.offset.StreamPosition;

/**
 * A stream's position while this instance holds its lease: where the stream goes on, the
 * snapshot in progress, and what was confirmed but not stored yet. Only the stream's own
 * thread touches it. It moves only past what the broker confirmed; what is stored trails
 * it by at most {@code cdc.offset-flush-interval}, so a restart publishes a few changes
 * again and never skips one.
 */
final class StreamOffsetContext {

	private static final Logger log = LoggerFactory.getLogger(StreamOffsetContext.class);

	private final String collection;

	private final ResumeTokenStore store;

	private final long flushIntervalNanos;

	private StreamPosition position;

	private StreamOffset.Snapshot snapshot;

	private boolean historyLost;

	/** Changes or snapshot documents confirmed since the last store. */
	private long unsaved;

	private long savedAt = System.nanoTime();

	StreamOffsetContext(StreamOffset stored, ResumeTokenStore store, Duration flushInterval) {
		this.collection = stored.collection();
		this.store = store;
		this.flushIntervalNanos = flushInterval.toNanos();
		this.position = stored.position();
		this.snapshot = stored.snapshot();
	}

	/**
	 * Where the stream goes on; {@code null} before its first snapshot was positioned.
	 */
	StreamPosition position() {
		return this.position;
	}

	StreamOffset.Snapshot snapshot() {
		return this.snapshot;
	}

	boolean historyLost() {
		return this.historyLost;
	}

	void markHistoryLost() {
		this.historyLost = true;
	}

	/** The broker confirmed the change at {@code token} and every one before it. */
	void confirmed(BsonDocument token) {
		this.position = new StreamPosition.ResumeAfter(token);
		this.unsaved++;
	}

	/**
	 * The collection was dropped or renamed: stores what was confirmed before, then goes
	 * on after the invalidate event.
	 */
	void invalidated(BsonDocument token) {
		save();
		this.position = new StreamPosition.StartAfter(token);
	}

	/**
	 * An idle stream caught up to {@code mark}; stored at once so that it takes effect.
	 */
	void caughtUp(BsonTimestamp mark) {
		if (this.position == null || this.unsaved > 0) {
			return;
		}
		StreamPosition moved = this.position.caughtUpTo(mark).orElse(null);
		if (moved != null) {
			this.store.caughtUp(this.collection, mark);
			this.position = moved;
		}
	}

	/** Stored before the snapshot's position is taken (see the snapshot source). */
	void snapshotStarted(String id) {
		this.store.snapshotStarted(this.collection, id);
		this.snapshot = StreamOffset.Snapshot.started(id);
	}

	/**
	 * @param streamFromPosition whether the stream goes on from the snapshot's position
	 * (there is no usable token) rather than from where it was
	 */
	void snapshotPositioned(BsonTimestamp at, boolean streamFromPosition) {
		this.store.snapshotPositioned(this.collection, at, streamFromPosition);
		this.snapshot = this.snapshot.positioned(at);
		if (streamFromPosition) {
			this.position = new StreamPosition.StartAt(at);
		}
	}

	/** The broker confirmed the snapshot's documents up to {@code lastId}. */
	void snapshotConfirmed(BsonValue lastId, int count) {
		this.snapshot = this.snapshot.progressed(lastId, count);
		this.unsaved += count;
	}

	void snapshotFinished() {
		this.store.snapshotFinished(this.collection);
		this.snapshot = null;
		this.historyLost = false;
	}

	/**
	 * Stores what was confirmed when nothing is in flight any more or the flush interval
	 * has passed.
	 */
	void saveIfDue(boolean nothingInFlight) {
		if (this.unsaved > 0 && (nothingInFlight || System.nanoTime() - this.savedAt >= this.flushIntervalNanos)) {
			save();
		}
	}

	/**
	 * Stores what the broker confirmed even while stopping (the interrupt would fail the
	 * MongoDB call); a failure only means those changes are published again after a
	 * restart.
	 */
	void saveQuietly() {
		boolean interrupted = Thread.interrupted();
		try {
			save();
		}
		catch (RuntimeException ex) {
			this.unsaved = 0;
			log.warn("Could not store the confirmed position of {}; those changes will be published again: {}",
					this.collection, ex.toString());
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private void save() {
		if (this.unsaved == 0) {
			return;
		}
		if (this.snapshot != null && this.snapshot.lastId() != null) {
			this.store.snapshotProgressed(this.collection, this.snapshot.lastId(), this.unsaved);
		}
		else if (this.position instanceof StreamPosition.ResumeAfter(BsonDocument token)) {
			this.store.confirmed(this.collection, token, this.unsaved);
		}
		this.unsaved = 0;
		this.savedAt = System.nanoTime();
	}

}
