package dev.llmtwin.cdc.stream;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.ChangeStreamIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.changestream.FullDocument;
import org.bson.BsonDocument;
import org.bson.BsonTimestamp;
import org.bson.RawBsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.llmtwin.cdc.CdcProperties;
import dev.llmtwin.cdc.history.CaughtUpMarker;
import dev.llmtwin.cdc.history.ChangeHistory;
import dev.llmtwin.cdc.publish.OutgoingChange;
import dev.llmtwin.cdc.publish.PublishWindow;

/**
 * Tails a collection's change stream from the stream's position and publishes each change
 * in order, until the stream is stopped, a snapshot is asked for or the stream was
 * invalidated. Polls without blocking (the embedded server's blocking {@code next()}
 * spins) and handles confirms between polls.
 */
final class StreamingChangeEventSource {

	private static final Logger log = LoggerFactory.getLogger(StreamingChangeEventSource.class);

	private static final long IDLE_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);

	/**
	 * Changes read per poll at most: a poll's changes travel as one response, so a
	 * smaller batch starts publishing sooner (and the embedded server builds a smaller
	 * buffer).
	 */
	private static final int BATCH_SIZE = 500;

	private final StreamContext context;

	private final MongoCollection<BsonDocument> source;

	private final ChangeHistory history;

	StreamingChangeEventSource(StreamContext context, MongoCollection<BsonDocument> source, ChangeHistory history) {
		this.context = context;
		this.source = source;
		this.history = history;
	}

	void execute(StreamOffsetContext offsets) throws InterruptedException {
		CdcProperties properties = this.context.properties();
		StreamStatus status = this.context.status();
		CaughtUpMarker marker = this.history.caughtUpMarker();
		long lastChangeAt = System.nanoTime();
		// After a poll that brought nothing the next one waits (the embedded server
		// answers at once instead of awaiting changes); confirms are handled meanwhile.
		long nextPollAt = System.nanoTime();
		try (PublishWindow<BsonDocument> window = this.context.openWindow();
				MongoCursor<RawBsonDocument> cursor = open(offsets)) {
			status.running();
			while (!this.context.snapshotRequested()) {
				this.context.checkpoint();
				boolean read = false;
				if (!window.isFull() && System.nanoTime() - nextPollAt >= 0) {
					BsonTimestamp mark = window.isEmpty() ? marker.beforeIdlePoll() : null;
					RawBsonDocument change = cursor.tryNext();
					if (change == null) {
						if (mark != null) {
							offsets.caughtUp(mark);
						}
						Duration pause = (System.nanoTime() - lastChangeAt > IDLE_AFTER_NANOS)
								? properties.idlePollInterval() : properties.pollInterval();
						nextPollAt = System.nanoTime() + pause.toNanos();
					}
					else if (ChangeEventMapper.isInvalidate(change)) {
						log.warn("Change stream of {} was invalidated (collection dropped or renamed); "
								+ "opening it again after it", this.context.collection());
						while (!window.isEmpty()) {
							confirm(window.takeConfirmed(properties.pollInterval()), offsets);
						}
						offsets.invalidated(ChangeEventMapper.resumeToken(change));
						return;
					}
					else {
						read = true;
						lastChangeAt = System.nanoTime();
						publish(window, change);
					}
				}
				Duration untilPoll = Duration.ofNanos(Math.max(0, nextPollAt - System.nanoTime()));
				confirm(window.takeConfirmed((read || window.isEmpty()) ? Duration.ZERO
						: window.isFull() ? properties.pollInterval() : untilPoll), offsets);
				status.pending(window.size());
				offsets.saveIfDue(window.isEmpty());
				if (!read && window.isEmpty()) {
					Thread.sleep(Duration.ofNanos(Math.max(0, nextPollAt - System.nanoTime())));
				}
			}
		}
		finally {
			offsets.saveQuietly();
		}
	}

	private void publish(PublishWindow<BsonDocument> window, RawBsonDocument change) {
		Optional<OutgoingChange> outgoing = ChangeEventMapper.toChange(this.context.collection(), change);
		if (outgoing.isPresent()) {
			window.publish(outgoing.get(), ChangeEventMapper.resumeToken(change), ChangeEventMapper.sourceTime(change));
			this.context.status().sent();
		}
	}

	/** Moves the position past the confirmed changes. */
	private void confirm(List<PublishWindow.Confirmed<BsonDocument>> confirmed, StreamOffsetContext offsets) {
		for (PublishWindow.Confirmed<BsonDocument> change : confirmed) {
			this.context.status().confirmed(change.change().clusterTime(), change.sourceTime());
			offsets.confirmed(change.position());
		}
	}

	/** The change documents raw: they are written to JSON straight from their bytes. */
	private MongoCursor<RawBsonDocument> open(StreamOffsetContext offsets) {
		// A replica set answers a poll within the poll interval instead of its default
		// second.
		ChangeStreamIterable<BsonDocument> stream = this.source.watch(BsonDocument.class)
			.fullDocument(FullDocument.UPDATE_LOOKUP)
			.batchSize(BATCH_SIZE)
			.maxAwaitTime(this.context.properties().pollInterval().toMillis(), TimeUnit.MILLISECONDS);
		if (offsets.position() != null) {
			stream = offsets.position().applyTo(stream);
		}
		return stream.withDocumentClass(RawBsonDocument.class).cursor();
	}

}
