package dev.llmtwin.feature.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.llmtwin.feature.clean.Words;
import dev.llmtwin.feature.store.SearchHit;

/**
 * Known-item search: a query that is a passage the person remembers word for word (a
 * sentence pasted back, a quoted phrase) is answered first by the chunks that hold it.
 * BM25 and the vectors weigh the query's words one by one, so a longer text that repeats
 * its rare names can outrank the one that holds the sentence; word order decides here.
 */
final class PhraseMatch {

	/** Words per shingle: three in a row are rarely shared by chance. */
	private static final int SHINGLE = 3;

	/** A query of fewer words is not a passage: BM25 and the vectors rank it alone. */
	private static final int MIN_QUERY_WORDS = 5;

	/** The share of the query's shingles a chunk must hold to count as holding it. */
	private static final double MIN_COVERAGE = 0.6;

	private PhraseMatch() {
	}

	/**
	 * The hits with those holding the query's passage first, by how much of it they hold;
	 * the order is otherwise kept.
	 */
	static List<SearchHit> passagesFirst(String query, List<SearchHit> hits) {
		Set<String> wanted = shingles(query);
		if (wanted.size() < MIN_QUERY_WORDS - SHINGLE + 1) {
			return hits;
		}
		List<Ranked> ranked = new ArrayList<>(hits.size());
		for (int i = 0; i < hits.size(); i++) {
			Set<String> held = shingles(hits.get(i).text());
			long shared = wanted.stream().filter(held::contains).count();
			double coverage = (double) shared / wanted.size();
			ranked.add(new Ranked(hits.get(i), (coverage >= MIN_COVERAGE) ? coverage : 0, i));
		}
		ranked.sort(Comparator.comparingDouble(Ranked::coverage).reversed().thenComparingInt(Ranked::position));
		return ranked.stream().map(Ranked::hit).toList();
	}

	private static Set<String> shingles(String text) {
		List<String> words = Words.tokens(text.toLowerCase(Locale.ROOT));
		Set<String> shingles = new HashSet<>();
		for (int i = 0; i + SHINGLE <= words.size(); i++) {
			shingles.add(String.join(" ", words.subList(i, i + SHINGLE)));
		}
		return shingles;
	}

	private record Ranked(SearchHit hit, double coverage, int position) {
	}

}
