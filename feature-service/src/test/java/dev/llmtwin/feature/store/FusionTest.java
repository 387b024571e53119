package dev.llmtwin.feature.store;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.llmtwin.feature.FeatureType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FusionTest {

	@Test
	void aHitInBothListsOutranksHitsFirstInOnlyOne() {
		List<SearchHit> dense = List.of(hit("a", 0.9f), hit("b", 0.8f), hit("c", 0.7f));
		List<SearchHit> lexical = List.of(hit("d", 12f), hit("b", 9f));

		List<SearchHit> fused = Fusion.RRF.fuse(3, dense, lexical);

		assertThat(fused).extracting(SearchHit::pointId).containsExactly("b", "a", "d");
		assertThat(fused.get(0).score()).isCloseTo(1f / 62 + 1f / 62, within(1e-6f));
		assertThat(fused.get(1).score()).isCloseTo(1f / 61, within(1e-6f));
	}

	@Test
	void anEmptyListLeavesTheOthersOrder() {
		List<SearchHit> fused = Fusion.RRF.fuse(5, List.of(hit("a", 1), hit("b", 0.5f)), List.of());

		assertThat(fused).extracting(SearchHit::pointId).containsExactly("a", "b");
	}

	@Test
	void scoreFusionKeepsTheLeadOfAHitFarAheadOfItsList() {
		// The lexical list has one page far ahead (a quoted sentence); the dense list
		// ranks another page first by a hair.
		List<SearchHit> dense = List.of(hit("b", 0.82f), hit("c", 0.815f), hit("a", 0.81f), hit("d", 0.79f));
		List<SearchHit> lexical = List.of(hit("a", 40f), hit("b", 6f), hit("c", 5f), hit("d", 5f));

		assertThat(Fusion.DBSF.fuse(1, dense, lexical)).extracting(SearchHit::pointId).containsExactly("a");
		// Rank fusion sees only that b is first and second, a first and third.
		assertThat(Fusion.RRF.fuse(2, dense, lexical)).extracting(SearchHit::pointId).containsExactly("b", "a");
	}

	@Test
	void aListOfOneOrOfEqualScoresCountsItsHitsHalfway() {
		List<SearchHit> fused = Fusion.DBSF.fuse(2, List.of(hit("a", 0.9f)), List.of(hit("b", 3f), hit("c", 3f)));

		assertThat(fused).extracting(SearchHit::score).containsExactly(0.5f, 0.5f);
	}

	private static SearchHit hit(String id, float score) {
		return new SearchHit(id, "doc-" + id, 0, FeatureType.ARTICLE, "web", "author", "https://example.com/" + id,
				"text", "model", null, score);
	}

}
