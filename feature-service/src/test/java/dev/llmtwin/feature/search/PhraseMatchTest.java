package dev.llmtwin.feature.search;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.llmtwin.feature.FeatureType;
import dev.llmtwin.feature.store.SearchHit;

import static org.assertj.core.api.Assertions.assertThat;

class PhraseMatchTest {

	private static final String SENTENCE = "The trek will feature members Tom Johnston, Patrick Simmons, John McFee and "
			+ "McDonald together for the first time in 25 years.";

	@Test
	void theChunkHoldingAPastedSentenceComesFirstWhateverItsScore() {
		List<SearchHit> ranked = List.of(
				hit("names",
						"Tom Johnston, Michael McDonald, Pat Simmons and John McFee reunite: Johnston and "
								+ "McFee, Simmons and McDonald, for the first time in nearly 25 years on one stage."),
				hit("other", "Tickets for the anniversary tour go on sale Friday."),
				hit("holder", "Rolling Stone reported the reunion. " + SENTENCE.replace("25", "25\n")
						+ " Tickets go on sale at 10 a.m."));

		assertThat(PhraseMatch.passagesFirst(SENTENCE, ranked)).extracting(SearchHit::documentId)
			.containsExactly("holder", "names", "other");
	}

	@Test
	void punctuationAndCaseDoNotMatterButWordOrderDoes() {
		SearchHit curly = hit("curly", "It seems like the rest of South Dakota’s anti-drug campaigns are just as bad.");
		SearchHit shuffled = hit("shuffled", "Campaigns of South Dakota: anti-drug, rest, bad, just like it seems.");
		assertThat(PhraseMatch.passagesFirst("it seems like the rest of south dakota's anti-drug campaigns",
				List.of(shuffled, curly)))
			.extracting(SearchHit::documentId)
			.containsExactly("curly", "shuffled");
	}

	@Test
	void aShortQueryOrAParaphraseKeepsTheRanking() {
		List<SearchHit> ranked = List.of(hit("a", "Seals rest on the sandbanks at low tide."),
				hit("b", "Counting seals at low tide on the sandbanks."));
		assertThat(PhraseMatch.passagesFirst("counting seals at low", ranked)).isEqualTo(ranked);
		assertThat(PhraseMatch.passagesFirst("where do harbour seals sleep when the water is out", ranked))
			.isEqualTo(ranked);
	}

	private static SearchHit hit(String documentId, String text) {
		return new SearchHit(documentId + "-0", documentId, 0, FeatureType.ARTICLE, "web", "jane",
				"https://example.com/" + documentId, text, "model", "en", 1f);
	}

}
