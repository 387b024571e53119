package dev.llmtwin.feature.store;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.llmtwin.feature.FeatureType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lexical and hybrid search, the same on every store: exact words, names and numbers are
 * found where the vectors point elsewhere, and a chunk both searches find ranks first.
 */
abstract class LexicalSearchContract {

	private static final Instant CRAWLED_AT = Instant.parse("2026-11-23T10:15:30Z");

	private static final float[] QUERY_VECTOR = { 1, 0, 0 };

	/** A new, empty store with 3-dimensional vectors. */
	abstract VectorStore emptyStore() throws Exception;

	/**
	 * x holds the exact words but its vector points away from the query's; y is the
	 * query's nearest vector without its words; z has both; w has neither.
	 */
	private VectorStore storeWithFourChunks() throws Exception {
		VectorStore store = emptyStore();
		store
			.apply(List.of(
					new DocumentWrite("x",
							List.of(chunk("x", "The cluster sustained 4.2 GB/s on the NVMe array for an hour.", 0, 1,
									0))),
					new DocumentWrite("y", List.of(chunk("y", "Notes on storage speed in general.", 1, 0, 0))),
					new DocumentWrite("z",
							List.of(chunk("z", "Why the NVMe array mattered, measured in GB/s per disk.", 0.9f, 0.1f,
									0))),
					new DocumentWrite("w", List.of(chunk("w", "A recipe for lemon cake.", 0, 0, 1)))));
		return store;
	}

	@Test
	void lexicalSearchFindsTheExactWordsTheVectorsMiss() throws Exception {
		try (VectorStore store = storeWithFourChunks()) {
			List<SearchHit> lexical = store.searchText("4.2 GB/s NVMe", 10, SearchFilter.NONE);

			assertThat(lexical).extracting(SearchHit::documentId)
				.startsWith("x")
				.contains("z")
				.doesNotContain("w", "y");
			assertThat(lexical).allSatisfy((hit) -> assertThat(hit.score()).isPositive());
			assertThat(lexical.get(0).text()).contains("4.2 GB/s");
			assertThat(store.search(QUERY_VECTOR, 1, SearchFilter.NONE)).extracting(SearchHit::documentId)
				.containsExactly("y");
		}
	}

	@ParameterizedTest
	@EnumSource(Fusion.class)
	void hybridSearchRanksWhatBothFindFirstAndKeepsWhatEitherFinds(Fusion fusion) throws Exception {
		try (VectorStore store = storeWithFourChunks()) {
			List<SearchHit> hybrid = store.searchHybrid(QUERY_VECTOR, "NVMe GB/s", 3, SearchFilter.NONE, fusion);

			assertThat(hybrid).extracting(SearchHit::documentId).hasSize(3).startsWith("z").contains("x", "y");
			assertThat(hybrid.get(0).score()).isGreaterThan(hybrid.get(1).score());
		}
	}

	@Test
	void lexicalAndHybridSearchKeepToTheFilter() throws Exception {
		try (VectorStore store = storeWithFourChunks()) {
			SearchFilter onlyZ = new SearchFilter(FeatureType.ARTICLE, "author-z", null);

			assertThat(store.searchText("NVMe", 10, onlyZ)).extracting(SearchHit::documentId).containsExactly("z");
			assertThat(store.searchHybrid(QUERY_VECTOR, "NVMe", 10, onlyZ, Fusion.DBSF))
				.extracting(SearchHit::documentId)
				.containsExactly("z");
			assertThat(store.searchText("NVMe", 10, new SearchFilter(FeatureType.POST, null, null))).isEmpty();
		}
	}

	@Test
	void aQueryWithoutWordsFindsNothingLexically() throws Exception {
		try (VectorStore store = storeWithFourChunks()) {
			assertThat(store.searchText(" ?! -- ", 10, SearchFilter.NONE)).isEmpty();
			assertThat(store.searchText("zeppelin", 10, SearchFilter.NONE)).isEmpty();
		}
	}

	static Chunk chunk(String documentId, String text, float... vector) {
		return new Chunk(documentId, 0, FeatureType.ARTICLE, "medium", "author-" + documentId,
				"https://example.com/" + documentId, text, "hash-" + documentId, "test-model", CRAWLED_AT, null,
				vector);
	}

}
