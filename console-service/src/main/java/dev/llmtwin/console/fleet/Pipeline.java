package dev.llmtwin.console.fleet;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the pipeline page shows: feature-service's statistics, CDC's streams, dead
 * letters.
 */
public final class Pipeline {

	private Pipeline() {
	}

	/** {@code GET /api/stats} of feature-service. */
	public record Stats(Map<String, TypeCounts> types, long points, LastApplied lastApplied, HeldBack heldBack,
			Copies nearCopies, Map<String, Long> languages, Map<String, Queue> queues, Reconciliation reconciliation) {

		public boolean isEmpty() {
			return this.reconciliation == null || this.reconciliation.rawDocuments() == 0;
		}

	}

	public record TypeCounts(long documents, long chunks) {
	}

	public record LastApplied(String documentId, String collection, boolean deleted, String clusterTime,
			String appliedAt) {
	}

	public record HeldBack(int count, List<HeldBackDocument> documents) {
	}

	public record HeldBackDocument(String id, String link, String reason) {
	}

	public record Copies(int count, List<CopyDocument> documents) {
	}

	public record CopyDocument(String id, String link, String duplicateOf) {
	}

	/** A queue's depth as the service that consumes it sees it. */
	public record Queue(long messages, int consumers) {
	}

	public record Reconciliation(int rawDocuments, int storedDocuments, int missingCount, List<String> missing,
			int staleCount, List<String> stale, int duplicatedCount, List<String> duplicated, int orphanedCount,
			List<String> orphaned) {
	}

	/** {@code GET /api/cdc/status} of cdc-service. */
	public record CdcStatus(List<Stream> streams) {
	}

	public record Stream(String collection, String state, boolean active, Instant lastEventTime, Long lagMillis,
			long published, long confirmed, int pendingConfirms, long errors, String lastError, String historyLost,
			Snapshot snapshot) {
	}

	public record Snapshot(String id, String state, long published) {
	}

	/** {@code POST /api/cdc/snapshot}: the collections whose snapshot was requested. */
	public record SnapshotRequest(List<String> collections) {
	}

	/** {@code GET /api/dlq} of feature-service, and what a replay sent back. */
	public record DeadLetters(int count, List<DeadLetter> deadLetters) {
	}

	public record DeadLetter(String eventId, String routingKey, String reason, String exception, String queue,
			String failedAt) {
	}

}
