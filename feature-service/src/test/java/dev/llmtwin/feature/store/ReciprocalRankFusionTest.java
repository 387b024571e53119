package dev.llmtwin.feature.store;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.llmtwin.feature.FeatureType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReciprocalRankFusionTest {

	@Test
	void aHitInBothListsOutranksHitsFirstInOnlyOne() {
		List<SearchHit> dense = List.of(hit("a", 0.9f), hit("b", 0.8f), hit("c", 0.7f));
		List<SearchHit> lexical = List.of(hit("d", 12f), hit("b", 9f));

		List<SearchHit> fused = ReciprocalRankFusion.fuse(3, dense, lexical);

		assertThat(fused).extracting(SearchHit::pointId).containsExactly("b", "a", "d");
		assertThat(fused.get(0).score()).isCloseTo(1f / 62 + 1f / 62, within(1e-6f));
		assertThat(fused.get(1).score()).isCloseTo(1f / 61, within(1e-6f));
	}

	@Test
	void anEmptyListLeavesTheOthersOrder() {
		List<SearchHit> fused = ReciprocalRankFusion.fuse(5, List.of(hit("a", 1), hit("b", 0.5f)), List.of());

		assertThat(fused).extracting(SearchHit::pointId).containsExactly("a", "b");
	}

	private static SearchHit hit(String id, float score) {
		return new SearchHit(id, "doc-" + id, 0, FeatureType.ARTICLE, "web", "author", "https://example.com/" + id,
				"text", "model", score);
	}

}
