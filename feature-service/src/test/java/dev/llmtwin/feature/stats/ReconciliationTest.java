package dev.llmtwin.feature.stats;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import dev.llmtwin.feature.document.CleanedDocument;
import dev.llmtwin.feature.stats.FeatureStatistics.Reconciliation;
import dev.llmtwin.feature.store.StoredDocument;

import static org.assertj.core.api.Assertions.assertThat;

class ReconciliationTest {

	private final Map<String, Document> raw = new HashMap<>();

	private final Map<String, CleanedDocument> cleaned = new HashMap<>();

	private final Map<String, StoredDocument> stored = new HashMap<>();

	@Test
	void faithfulImageHasNothingToReport() {
		faithful("a", 2);
		faithful("b", 1);
		rawDocument("empty", "h-empty", "jane");
		this.cleaned.put("empty", cleaned("empty", "h-empty", 0));

		Reconciliation reconciliation = reconcile();

		assertThat(reconciliation.rawDocuments()).isEqualTo(3);
		assertThat(reconciliation.storedDocuments()).isEqualTo(2);
		assertThat(counts(reconciliation)).containsExactly(0, 0, 0, 0);
	}

	@Test
	void rawDocumentWithoutCleanedDocumentOrPointsIsMissing() {
		faithful("a", 1);
		rawDocument("new", "h-new", "jane");
		rawDocument("cleaned-only", "h-cleaned-only", "jane");
		this.cleaned.put("cleaned-only", cleaned("cleaned-only", "h-cleaned-only", 2));

		Reconciliation reconciliation = reconcile();

		assertThat(reconciliation.missing()).containsExactly("cleaned-only", "new");
		assertThat(counts(reconciliation)).containsExactly(2, 0, 0, 0);
	}

	@Test
	void pointsOrCleanedDocumentOfAnotherVersionAreStale() {
		faithful("old-points", 1);
		this.stored.put("old-points", points(1, "h-before", "jane"));
		faithful("old-author", 1);
		this.stored.put("old-author", points(1, "h-old-author", "john"));
		faithful("old-cleaned", 1);
		this.cleaned.put("old-cleaned", cleaned("old-cleaned", "h-before", 1));
		faithful("chunk-lost", 2);
		this.stored.put("chunk-lost", points(1, "h-chunk-lost", "jane"));
		faithful("mixed", 2);
		this.stored.put("mixed", new StoredDocument(2, Set.of(0, 1), Set.of("h-mixed", "h-before"), Set.of("jane")));

		Reconciliation reconciliation = reconcile();

		assertThat(reconciliation.stale()).containsExactly("chunk-lost", "mixed", "old-author", "old-cleaned",
				"old-points");
		assertThat(counts(reconciliation)).containsExactly(0, 5, 0, 0);
	}

	@Test
	void chunkStoredTwiceIsDuplicatedAndPointsWithoutRawDocumentAreOrphaned() {
		faithful("twice", 2);
		this.stored.put("twice", new StoredDocument(3, Set.of(0, 1), Set.of("h-twice"), Set.of("jane")));
		this.stored.put("deleted", points(1, "h-deleted", "jane"));

		Reconciliation reconciliation = reconcile();

		assertThat(reconciliation.duplicated()).containsExactly("twice");
		assertThat(reconciliation.orphaned()).containsExactly("deleted");
		assertThat(counts(reconciliation)).containsExactly(0, 0, 1, 1);
	}

	private Reconciliation reconcile() {
		return FeatureStatistics.reconcile(this.raw, this.cleaned, this.stored);
	}

	private static int[] counts(Reconciliation reconciliation) {
		return new int[] { reconciliation.missingCount(), reconciliation.staleCount(), reconciliation.duplicatedCount(),
				reconciliation.orphanedCount() };
	}

	private void faithful(String id, int chunks) {
		rawDocument(id, "h-" + id, "jane");
		this.cleaned.put(id, cleaned(id, "h-" + id, chunks));
		this.stored.put(id, points(chunks, "h-" + id, "jane"));
	}

	private void rawDocument(String id, String contentHash, String authorId) {
		this.raw.put(id, new Document("_id", id).append("contentHash", contentHash).append("authorId", authorId));
	}

	private static CleanedDocument cleaned(String id, String contentHash, int chunks) {
		return new CleanedDocument(id, "articles", "article", "medium", "jane", "https://example.com/" + id, "title",
				"text", contentHash, Instant.EPOCH, null, false, chunks, "model", Instant.EPOCH, null, "en", null,
				null);
	}

	private static StoredDocument points(int chunks, String contentHash, String authorId) {
		Set<Integer> indexes = new java.util.HashSet<>();
		for (int i = 0; i < chunks; i++) {
			indexes.add(i);
		}
		return new StoredDocument(chunks, indexes, Set.of(contentHash), Set.of(authorId));
	}

}
