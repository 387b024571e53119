package dev.llmtwin.cdc.stream;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.llmtwin.cdc.history.ChangeHistory;
import dev.llmtwin.cdc.offset.StreamOffset;
import dev.llmtwin.cdc.offset.StreamPosition;
import dev.llmtwin.cdc.publish.PublishWindow;

/**
 * Publishes every document of a collection, in {@code _id} order, as snapshot events; a
 * snapshot interrupted by a failure or a restart goes on after its last confirmed
 * document. Its position is taken before the first read, so the stream that follows from
 * there misses no change made while it ran.
 */
final class SnapshotChangeEventSource {

	private static final Logger log = LoggerFactory.getLogger(SnapshotChangeEventSource.class);

	private final StreamContext context;

	private final MongoCollection<BsonDocument> source;

	private final ChangeHistory history;

	SnapshotChangeEventSource(StreamContext context, MongoCollection<BsonDocument> source, ChangeHistory history) {
		this.context = context;
		this.source = source;
		this.history = history;
	}

	/**
	 * @param streamFromPosition whether the stream goes on from the snapshot's position
	 * (there is no usable token) rather than from where it was
	 */
	void begin(StreamOffsetContext offsets, boolean streamFromPosition) {
		String id = UUID.randomUUID().toString();
		// Stored before the position is taken: this write is an oplog entry at or before
		// the position, so the position stays provably in the history.
		offsets.snapshotStarted(id);
		position(offsets, streamFromPosition);
		this.context.status().snapshotStarted(id);
		log.info("Snapshot {} of {} starts at {}", id, this.context.collection(),
				StreamPosition.describe(offsets.snapshot().position()));
	}

	/** Takes the snapshot's position anew: it had none yet, or it left the history. */
	void position(StreamOffsetContext offsets, boolean streamFromPosition) {
		offsets.snapshotPositioned(this.history.currentPosition(), streamFromPosition);
	}

	void execute(StreamOffsetContext offsets) throws InterruptedException {
		StreamOffset.Snapshot snapshot = offsets.snapshot();
		StreamStatus status = this.context.status();
		status.snapshotStarted(snapshot.id());
		Bson after = (snapshot.lastId() != null) ? Filters.gt("_id", snapshot.lastId()) : new BsonDocument();
		Duration pollInterval = this.context.properties().pollInterval();
		try (PublishWindow<BsonValue> window = this.context.openWindow();
				MongoCursor<BsonDocument> documents = this.source.find(after).sort(Sorts.ascending("_id")).cursor()) {
			boolean more = true;
			while (more || !window.isEmpty()) {
				this.context.checkpoint();
				if (more && !window.isFull()) {
					more = documents.hasNext();
					if (more) {
						BsonDocument document = documents.next();
						window.publish(ChangeEventMapper.snapshot(this.context.collection(), snapshot.id(), document,
								snapshot.position()), document.get("_id"), null);
						status.sent();
					}
				}
				List<PublishWindow.Confirmed<BsonValue>> confirmed = window
					.takeConfirmed((more && !window.isFull()) ? Duration.ZERO : pollInterval);
				status.pending(window.size());
				if (!confirmed.isEmpty()) {
					offsets.snapshotConfirmed(confirmed.getLast().position(), confirmed.size());
					status.snapshotConfirmed(confirmed.size());
				}
				offsets.saveIfDue(window.isEmpty());
			}
		}
		finally {
			offsets.saveQuietly();
		}
		long published = offsets.snapshot().published();
		offsets.snapshotFinished();
		log.info("Snapshot {} of {} finished: {} documents", snapshot.id(), this.context.collection(), published);
		status.snapshotFinished();
	}

}
