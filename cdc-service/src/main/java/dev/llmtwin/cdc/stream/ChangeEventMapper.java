package dev.llmtwin.cdc.stream;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Optional;

import org.bson.BsonDocument;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JsonGenerator;

import dev.llmtwin.cdc.publish.OutgoingChange;
import dev.llmtwin.model.AmqpNames;
import dev.llmtwin.model.ChangeEvent;
import dev.llmtwin.model.ClusterTime;
import dev.llmtwin.model.Ids;
import dev.llmtwin.model.Operation;
import dev.llmtwin.model.TwinJson;

/**
 * Turns a change-stream document (read raw) into the {@link ChangeEvent} envelope,
 * written as JSON straight from the BSON: no document object, map or data binding in
 * between.
 */
final class ChangeEventMapper {

	private static final Logger log = LoggerFactory.getLogger(ChangeEventMapper.class);

	private static final String ID = "_id";

	private ChangeEventMapper() {
	}

	/** The token a stream resumes after to continue behind this change. */
	static BsonDocument resumeToken(BsonDocument change) {
		return change.getDocument(ID);
	}

	/** Whether the stream ended because its collection was dropped or renamed. */
	static boolean isInvalidate(BsonDocument change) {
		return "invalidate".equals(operationType(change));
	}

	/**
	 * The change to publish, or empty for a change that is not about one document (drop,
	 * rename, …) or that does not say which document it is about.
	 */
	static Optional<OutgoingChange> toChange(String collection, BsonDocument change) {
		String type = operationType(change);
		Operation operation = switch (type) {
			case "insert" -> Operation.INSERT;
			case "update" -> Operation.UPDATE;
			case "replace" -> Operation.REPLACE;
			case "delete" -> Operation.DELETE;
			default -> null;
		};
		if (operation == null) {
			log.info("Skipping a '{}' change of {}: it is not a document change", type, collection);
			return Optional.empty();
		}
		String eventId = Ids.eventId(collection, resumeToken(change).getString("_data").getValue());
		// No full document on a delete, and none on an update whose document was deleted
		// before the lookup: then the event goes out without one, and its delete follows.
		// (The stock mongo-java-server answers that lookup with the update's delta,
		// which has no _id and is not the document.)
		BsonValue full = change.get("fullDocument");
		BsonDocument fullDocument = (operation != Operation.DELETE && full != null && full.isDocument()
				&& full.asDocument().containsKey(ID)) ? full.asDocument() : null;
		BsonValue key = change.get("documentKey");
		BsonValue id = (fullDocument != null) ? fullDocument.get(ID)
				: (key != null && key.isDocument()) ? key.asDocument().get(ID) : null;
		if (id == null) {
			log.warn("Skipping {} {} of {}: neither a full document nor the document key names the document",
					operation.wireName(), eventId, collection);
			return Optional.empty();
		}
		BsonValue time = change.get("clusterTime");
		ClusterTime clusterTime = (time != null && time.isTimestamp()) ? clusterTime(time.asTimestamp())
				: new ClusterTime(Instant.now().getEpochSecond(), 0);
		return Optional.of(outgoing(eventId, collection, operation, documentId(id), fullDocument, clusterTime));
	}

	/**
	 * A snapshot document as a {@code snapshot} event; its id is stable within the
	 * snapshot, so a republished document keeps it.
	 */
	static OutgoingChange snapshot(String collection, String snapshotId, BsonDocument document,
			BsonTimestamp position) {
		String documentId = documentId(document.get(ID));
		return outgoing(Ids.eventId(collection, "snapshot:" + snapshotId + ":" + documentId), collection,
				Operation.SNAPSHOT, documentId, document, clusterTime(position));
	}

	/**
	 * When the change was written: the server's wall time where it gives one (MongoDB 6
	 * and later), else its cluster time, which has whole seconds only.
	 */
	static Instant sourceTime(BsonDocument change) {
		BsonValue wallTime = change.get("wallTime");
		if (wallTime != null && wallTime.isDateTime()) {
			return Instant.ofEpochMilli(wallTime.asDateTime().getValue());
		}
		BsonValue clusterTime = change.get("clusterTime");
		return (clusterTime != null && clusterTime.isTimestamp())
				? Instant.ofEpochSecond(Integer.toUnsignedLong(clusterTime.asTimestamp().getTime())) : Instant.now();
	}

	/**
	 * The envelope as the shared JSON mapping writes a {@link ChangeEvent}, the document
	 * as {@link PlainBsonValues} makes it plain.
	 */
	static OutgoingChange outgoing(String eventId, String collection, Operation operation, String documentId,
			BsonDocument document, ClusterTime clusterTime) {
		// JSON takes about as many bytes as the BSON it comes from.
		ByteArrayOutputStream body = new ByteArrayOutputStream(
				(document instanceof RawBsonDocument raw) ? raw.getByteLength() + 512 : 1024);
		try (JsonGenerator json = TwinJson.mapper().createGenerator(body)) {
			json.writeStartObject();
			json.writeStringProperty("eventId", eventId);
			json.writeStringProperty("collection", collection);
			json.writeStringProperty("operation", operation.wireName());
			json.writeStringProperty("documentId", documentId);
			json.writeName("document");
			if (document != null) {
				PlainBsonValues.write(document, json);
			}
			else {
				json.writeNull();
			}
			json.writeName("clusterTime");
			json.writeStartObject();
			json.writeNumberProperty("seconds", clusterTime.seconds());
			json.writeNumberProperty("increment", clusterTime.increment());
			json.writeEndObject();
			json.writeEndObject();
		}
		return new OutgoingChange(eventId, AmqpNames.rawChangeRoutingKey(collection, operation), clusterTime,
				body.toByteArray());
	}

	/** A BSON timestamp's seconds are unsigned. */
	private static ClusterTime clusterTime(BsonTimestamp timestamp) {
		return new ClusterTime(Integer.toUnsignedLong(timestamp.getTime()), timestamp.getInc());
	}

	private static String operationType(BsonDocument change) {
		BsonValue type = change.get("operationType");
		return (type != null && type.isString()) ? type.asString().getValue() : "";
	}

	private static String documentId(BsonValue id) {
		Object plain = PlainBsonValues.toPlain(id);
		return (plain instanceof String text) ? text : TwinJson.mapper().writeValueAsString(plain);
	}

}
