package dev.llmtwin.cdc.stream;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import com.mongodb.client.model.changestream.ChangeStreamDocument;
import org.bson.BsonDocument;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.llmtwin.model.ChangeEvent;
import dev.llmtwin.model.ClusterTime;
import dev.llmtwin.model.Ids;
import dev.llmtwin.model.Operation;
import dev.llmtwin.model.TwinJson;

/** Turns a change-stream document into the {@link ChangeEvent} envelope. */
final class ChangeEventMapper {

	private static final Logger log = LoggerFactory.getLogger(ChangeEventMapper.class);

	private ChangeEventMapper() {
	}

	/**
	 * The event to publish, or empty for a change that is not about one document (drop,
	 * rename, …) or that does not say which document it is about.
	 */
	static Optional<ChangeEvent> toEvent(String collection, ChangeStreamDocument<BsonDocument> change) {
		Operation operation = switch (change.getOperationType()) {
			case INSERT -> Operation.INSERT;
			case UPDATE -> Operation.UPDATE;
			case REPLACE -> Operation.REPLACE;
			case DELETE -> Operation.DELETE;
			default -> null;
		};
		if (operation == null) {
			log.info("Skipping a '{}' change of {}: it is not a document change", change.getOperationTypeString(),
					collection);
			return Optional.empty();
		}
		String eventId = Ids.eventId(collection, change.getResumeToken().getString("_data").getValue());
		// No full document on a delete, and none on an update whose document was deleted
		// before the lookup: then the event goes out without one, and its delete follows.
		// (The embedded server answers that lookup with the update's delta, which has no
		// _id and is not the document.)
		BsonDocument fullDocument = (operation != Operation.DELETE && change.getFullDocument() != null
				&& change.getFullDocument().containsKey("_id")) ? change.getFullDocument() : null;
		// The embedded server's update events carry the update spec as documentKey, so
		// the full document's _id comes first.
		BsonValue id = (fullDocument != null) ? fullDocument.get("_id")
				: (change.getDocumentKey() != null) ? change.getDocumentKey().get("_id") : null;
		if (id == null) {
			log.warn("Skipping {} {} of {}: neither a full document nor the document key names the document",
					operation.wireName(), eventId, collection);
			return Optional.empty();
		}
		Map<String, Object> document = (fullDocument != null) ? PlainBsonValues.toPlain(fullDocument) : null;
		return Optional
			.of(new ChangeEvent(eventId, collection, operation, documentId(id), document, clusterTime(change)));
	}

	/**
	 * A snapshot document as a {@code snapshot} event; its id is stable within the
	 * snapshot, so a republished document keeps it.
	 */
	static ChangeEvent snapshotEvent(String collection, String snapshotId, BsonDocument document,
			BsonTimestamp position) {
		String documentId = documentId(document.get("_id"));
		return new ChangeEvent(Ids.eventId(collection, "snapshot:" + snapshotId + ":" + documentId), collection,
				Operation.SNAPSHOT, documentId, PlainBsonValues.toPlain(document),
				new ClusterTime(Integer.toUnsignedLong(position.getTime()), position.getInc()));
	}

	/**
	 * When the change was written: the server's wall time where it gives one (MongoDB 6
	 * and later), else its cluster time, which has whole seconds only.
	 */
	static Instant sourceTime(ChangeStreamDocument<BsonDocument> change) {
		if (change.getWallTime() != null) {
			return Instant.ofEpochMilli(change.getWallTime().getValue());
		}
		return (change.getClusterTime() != null) ? Instant.ofEpochSecond(change.getClusterTime().getTime())
				: Instant.now();
	}

	private static String documentId(BsonValue id) {
		Object plain = PlainBsonValues.toPlain(id);
		return (plain instanceof String text) ? text : TwinJson.mapper().writeValueAsString(plain);
	}

	private static ClusterTime clusterTime(ChangeStreamDocument<BsonDocument> change) {
		BsonTimestamp time = change.getClusterTime();
		return (time != null) ? new ClusterTime(time.getTime(), time.getInc())
				: new ClusterTime(Instant.now().getEpochSecond(), 0);
	}

}
