package dev.llmtwin.cdc.publish;

import dev.llmtwin.model.ChangeEvent;
import dev.llmtwin.model.ClusterTime;

/**
 * A change as it goes to the broker: the envelope's event id, routing key and cluster
 * time, and the envelope itself as JSON.
 *
 * @param body the {@link ChangeEvent} envelope as JSON
 */
public record OutgoingChange(String eventId, String routingKey, ClusterTime clusterTime, byte[] body) {
}
