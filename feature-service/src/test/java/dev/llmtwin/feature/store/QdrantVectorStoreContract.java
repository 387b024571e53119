package dev.llmtwin.feature.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.qdrant.client.QdrantClient;
import org.junit.jupiter.api.Test;

import dev.llmtwin.feature.FeatureType;
import dev.llmtwin.model.Ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * What the Qdrant adapter must do, run against the in-process fake and against a real
 * Qdrant. Each test uses a model name of its own, so its own collection.
 */
abstract class QdrantVectorStoreContract extends LexicalSearchContract {

	private static final Instant CRAWLED_AT = Instant.parse("2026-11-23T10:15:30Z");

	private static int models;

	abstract QdrantClient client();

	private QdrantVectorStore store(String model) {
		return new QdrantVectorStore(client(), model, 3, Duration.ofSeconds(10));
	}

	@Override
	VectorStore emptyStore() {
		return store(model());
	}

	private static String model() {
		return "test-model-" + System.nanoTime() + "-" + (models++);
	}

	@Test
	void replaceRemovesStaleHigherChunksAndReplayAddsNothing() {
		QdrantVectorStore store = store(model());
		List<Chunk> first = List.of(chunk("a", 0, "old zero", 1, 0, 0), chunk("a", 1, "old one", 0, 1, 0),
				chunk("a", 2, "old two", 0, 0, 1));
		store.apply(List.of(new DocumentWrite("a", first),
				new DocumentWrite("b", List.of(chunk("b", 0, "other", 1, 1, 1)))));
		store.replaceDocument("a", first);
		assertThat(store.count()).isEqualTo(4);

		store.replaceDocument("a", List.of(chunk("a", 0, "new zero", 0, 1, 0)));

		assertThat(store.count()).isEqualTo(2);
		assertThat(store.chunksOf("a")).extracting(SearchHit::text).containsExactly("new zero");
		assertThat(store.documentIds()).containsExactlyInAnyOrder("a", "b");
		assertThat(store.inventory().get("a")).isEqualTo(new StoredDocument(1, Set.of(0),
				Set.of(chunk("a", 0, "", 0).contentHash()), Set.of(chunk("a", 0, "", 0).authorId())));
	}

	@Test
	void deleteRemovesAllChunksOfTheDocumentOnly() {
		QdrantVectorStore store = store(model());
		store.replaceDocument("a", List.of(chunk("a", 0, "a zero", 1, 0, 0), chunk("a", 1, "a one", 0, 1, 0)));
		store.replaceDocument("b", List.of(chunk("b", 0, "b zero", 0, 0, 1)));

		store.apply(List.of(new DocumentWrite("a", List.of()), new DocumentWrite("never-stored", List.of())));

		assertThat(store.count()).isEqualTo(1);
		assertThat(store.documentIds()).containsExactly("b");
	}

	@Test
	void searchRanksByCosineFiltersAndReturnsThePayload() {
		QdrantVectorStore store = store(model());
		store.apply(List.of(new DocumentWrite("x", List.of(chunk("x", 0, "east", 1, 0, 0))),
				new DocumentWrite("y", List.of(chunk("y", 0, "north", 0, 1, 0))),
				new DocumentWrite("z",
						List.of(new Chunk("z", 0, FeatureType.POST, "linkedin", "author-x", "https://example.com/z",
								"north-east", "hash-z", "test-model", CRAWLED_AT, "de", new float[] { 1, 1, 0 })))));

		List<SearchHit> hits = store.search(new float[] { 0.1f, 2, 0 }, 3);

		assertThat(hits).extracting(SearchHit::text).containsExactly("north", "north-east", "east");
		assertThat(hits.getFirst().score()).isCloseTo(0.9988f, within(1e-3f));
		assertThat(hits.getFirst()).isEqualTo(new SearchHit(Ids.pointId("y", 0), "y", 0, FeatureType.ARTICLE, "medium",
				"author-y", "https://example.com/y", "north", "test-model", "en", hits.getFirst().score()));
		assertThat(store.search(new float[] { 0.1f, 2, 0 }, 3, new SearchFilter(FeatureType.POST, null, null)))
			.extracting(SearchHit::text)
			.containsExactly("north-east");
		assertThat(store.search(new float[] { 0.1f, 2, 0 }, 3, new SearchFilter(null, "author-x", "medium")))
			.extracting(SearchHit::text)
			.containsExactly("east");
		assertThat(store.search(new float[] { 0.1f, 2, 0 }, 3, new SearchFilter(null, null, null, "de")))
			.extracting(SearchHit::text)
			.containsExactly("north-east");
	}

	@Test
	void createsTheCollectionOnceAndTheAliasWhenThereIsNone() {
		String model = model();
		QdrantVectorStore store = store(model);
		store.replaceDocument("a", List.of(chunk("a", 0, "kept", 1, 0, 0)));

		QdrantVectorStore again = store(model);

		assertThat(again.collection()).isEqualTo(QdrantVectorStore.collectionName(model));
		assertThat(again.count()).isEqualTo(1);
		assertThat(again.aliasedCollection()).isNotNull();
		again.pointAliasHere();
		assertThat(again.aliasedCollection()).isEqualTo(again.collection());
	}

	private static Chunk chunk(String documentId, int index, String text, float... vector) {
		return new Chunk(documentId, index, FeatureType.ARTICLE, "medium",
				documentId.equals("x") ? "author-x" : "author-" + documentId, "https://example.com/" + documentId, text,
				"hash-" + documentId, "test-model", CRAWLED_AT, "en", vector);
	}

}
