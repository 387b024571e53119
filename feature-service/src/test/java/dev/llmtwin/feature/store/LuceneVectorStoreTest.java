package dev.llmtwin.feature.store;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.llmtwin.feature.FeatureType;
import dev.llmtwin.model.Ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LuceneVectorStoreTest {

	private static final Instant CRAWLED_AT = Instant.parse("2026-11-23T10:15:30Z");

	@TempDir
	Path directory;

	@Test
	void replaceRemovesStaleHigherChunks() throws Exception {
		try (LuceneVectorStore store = new LuceneVectorStore(this.directory)) {
			store.replaceDocument("a", List.of(chunk("a", 0, "old zero", 1, 0, 0), chunk("a", 1, "old one", 0, 1, 0),
					chunk("a", 2, "old two", 0, 0, 1)));
			store.replaceDocument("b", List.of(chunk("b", 0, "other", 1, 1, 1)));
			assertThat(store.count()).isEqualTo(4);

			store.replaceDocument("a", List.of(chunk("a", 0, "new zero", 0, 1, 0)));

			assertThat(store.count()).isEqualTo(2);
			assertThat(store.search(new float[] { 0, 0, 1 }, 10)).extracting(SearchHit::text)
				.containsExactlyInAnyOrder("new zero", "other");
		}
	}

	@Test
	void replacingTwiceAddsNothing() throws Exception {
		try (LuceneVectorStore store = new LuceneVectorStore(this.directory)) {
			List<Chunk> chunks = List.of(chunk("a", 0, "zero", 1, 0, 0), chunk("a", 1, "one", 0, 1, 0));
			store.replaceDocument("a", chunks);
			store.replaceDocument("a", chunks);

			assertThat(store.count()).isEqualTo(2);
		}
	}

	@Test
	void deleteAndEmptyReplaceRemoveAllChunksOfTheDocumentOnly() throws Exception {
		try (LuceneVectorStore store = new LuceneVectorStore(this.directory)) {
			store.replaceDocument("a", List.of(chunk("a", 0, "a zero", 1, 0, 0), chunk("a", 1, "a one", 0, 1, 0)));
			store.replaceDocument("b", List.of(chunk("b", 0, "b zero", 0, 0, 1)));
			store.replaceDocument("c", List.of(chunk("c", 0, "c zero", 1, 1, 0)));

			store.deleteDocument("a");
			store.replaceDocument("c", List.of());
			store.deleteDocument("never-stored");

			assertThat(store.count()).isEqualTo(1);
			assertThat(store.search(new float[] { 1, 0, 0 }, 10)).extracting(SearchHit::documentId)
				.containsExactly("b");
		}
	}

	@Test
	void survivesReopenWithItsPayload() throws Exception {
		try (LuceneVectorStore store = new LuceneVectorStore(this.directory)) {
			store.replaceDocument("a", List.of(chunk("a", 0, "zero", 1, 0, 0), chunk("a", 1, "one", 0, 1, 0)));
		}

		try (LuceneVectorStore reopened = new LuceneVectorStore(this.directory)) {
			assertThat(reopened.count()).isEqualTo(2);
			SearchHit hit = reopened.search(new float[] { 0, 1, 0 }, 1).getFirst();
			assertThat(hit).isEqualTo(new SearchHit(Ids.pointId("a", 1), "a", 1, FeatureType.ARTICLE, "medium",
					"author-a", "https://example.com/a", "one", "test-model", "en", hit.score()));
			assertThat(hit.score()).isCloseTo(1f, within(1e-5f));
		}
	}

	@Test
	void searchRanksTheNearestVectorFirstWithCosineScores() throws Exception {
		try (LuceneVectorStore store = new LuceneVectorStore(this.directory)) {
			store.replaceDocument("x", List.of(chunk("x", 0, "east", 1, 0, 0)));
			store.replaceDocument("y", List.of(chunk("y", 0, "north", 0, 1, 0)));
			store.replaceDocument("z", List.of(chunk("z", 0, "north-east", 1, 1, 0)));
			store.replaceDocument("w", List.of(chunk("w", 0, "west", -1, 0, 0)));

			List<SearchHit> hits = store.search(new float[] { 0.1f, 2, 0 }, 3);

			assertThat(hits).extracting(SearchHit::text).containsExactly("north", "north-east", "east");
			assertThat(hits.getFirst().score()).isCloseTo(0.9988f, within(1e-3f));
			assertThat(hits.get(2).score()).isCloseTo(0.0499f, within(1e-3f));
			assertThat(store.search(new float[] { -1, 0, 0 }, 1).getFirst().score()).isCloseTo(1f, within(1e-5f));
		}
	}

	@Test
	void emptyStoreFindsNothing() throws Exception {
		try (LuceneVectorStore store = new LuceneVectorStore(this.directory)) {
			assertThat(store.search(new float[] { 1, 0, 0 }, 5)).isEmpty();
			assertThat(store.count()).isZero();
		}
	}

	@Test
	void searchFiltersByTypeAuthorAndPlatform() throws Exception {
		try (LuceneVectorStore store = new LuceneVectorStore(this.directory)) {
			store.apply(List.of(new DocumentWrite("a", List.of(chunk("a", 0, "article", 1, 0, 0))),
					new DocumentWrite("p",
							List.of(new Chunk("p", 0, FeatureType.POST, "linkedin", "author-a", "https://example.com/p",
									"post", "h", "test-model", CRAWLED_AT, "de", new float[] { 1, 0.1f, 0 }))),
					new DocumentWrite("c",
							List.of(new Chunk("c", 0, FeatureType.CODE, "github", "author-c", "https://example.com/c",
									"code", "h", "test-model", CRAWLED_AT, null, new float[] { 1, 0.2f, 0 })))));
			float[] query = { 1, 0, 0 };

			assertThat(store.search(query, 10)).hasSize(3);
			assertThat(store.search(query, 10, new SearchFilter(FeatureType.POST, null, null)))
				.extracting(SearchHit::text)
				.containsExactly("post");
			assertThat(store.search(query, 10, new SearchFilter(null, "author-a", null))).extracting(SearchHit::text)
				.containsExactly("article", "post");
			assertThat(store.search(query, 10, new SearchFilter(null, null, "github"))).extracting(SearchHit::text)
				.containsExactly("code");
			assertThat(store.search(query, 10, new SearchFilter(FeatureType.CODE, "author-a", null))).isEmpty();
			assertThat(store.search(query, 10, new SearchFilter(null, null, null, "de"))).extracting(SearchHit::text)
				.containsExactly("post");
			assertThat(store.searchText("post", 10, new SearchFilter(null, null, null, "fr"))).isEmpty();
		}
	}

	@Test
	void applyWritesAndDeletesSeveralDocumentsAtOnce() throws Exception {
		try (LuceneVectorStore store = new LuceneVectorStore(this.directory)) {
			store.replaceDocument("gone", List.of(chunk("gone", 0, "gone", 1, 0, 0)));

			store.apply(
					List.of(new DocumentWrite("a", List.of(chunk("a", 0, "a0", 1, 0, 0), chunk("a", 1, "a1", 0, 1, 0))),
							new DocumentWrite("gone", List.of()),
							new DocumentWrite("b", List.of(chunk("b", 0, "b0", 0, 0, 1)))));

			assertThat(store.documentIds()).containsExactlyInAnyOrder("a", "b");
			assertThat(store.inventory()).containsEntry("a",
					new StoredDocument(2, Set.of(0, 1), Set.of("hash-a"), Set.of("author-a")));
			assertThat(store.chunksOf("a")).extracting(SearchHit::text).containsExactly("a0", "a1");
			assertThat(store.chunksOf("gone")).isEmpty();
		}
	}

	private static Chunk chunk(String documentId, int index, String text, float... vector) {
		return new Chunk(documentId, index, FeatureType.ARTICLE, "medium", "author-" + documentId,
				"https://example.com/" + documentId, text, "hash-" + documentId, "test-model", CRAWLED_AT, "en",
				vector);
	}

}
