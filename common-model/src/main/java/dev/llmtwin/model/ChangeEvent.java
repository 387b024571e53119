package dev.llmtwin.model;

import java.util.Map;
import java.util.Objects;

/**
 * The envelope of one raw change published to {@code raw.changes} (DESIGN.md). The
 * {@code document} is the full document after the change as plain JSON values (dates as
 * ISO-8601 strings), absent on delete.
 */
public record ChangeEvent(String eventId, String collection, Operation operation, String documentId,
		Map<String, Object> document, ClusterTime clusterTime) {

	public ChangeEvent {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(collection, "collection");
		Objects.requireNonNull(operation, "operation");
		Objects.requireNonNull(documentId, "documentId");
	}

	public String routingKey() {
		return AmqpNames.rawChangeRoutingKey(this.collection, this.operation);
	}

}
