package dev.llmtwin.feature.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * The words of a text as lexical search sees them: Lucene's standard analyzer (Unicode
 * word breaks, lower case, no stemming, so names and numbers match as written). The
 * Lucene store indexes with it, Qdrant's sparse vectors are made of it, and snippets
 * highlight what it matches.
 */
public final class QueryTerms {

	/** Longer queries add little to BM25 and cost a clause each. */
	private static final int MAX_TERMS = 64;

	private static final Analyzer ANALYZER = new StandardAnalyzer();

	private QueryTerms() {
	}

	static Analyzer analyzer() {
		return ANALYZER;
	}

	/** The distinct terms of a query, in order, at most {@value #MAX_TERMS}. */
	public static List<String> of(String query) {
		Set<String> terms = new LinkedHashSet<>();
		forEachTerm(query, (term, start, end) -> {
			if (terms.size() < MAX_TERMS) {
				terms.add(term);
			}
		});
		return List.copyOf(terms);
	}

	/** Every term of a text, repeats included, in order. */
	public static List<String> all(String text) {
		List<String> terms = new ArrayList<>();
		forEachTerm(text, (term, start, end) -> terms.add(term));
		return terms;
	}

	/** Calls the action with each term and where it stands in the text. */
	public static void forEachTerm(String text, TermAction action) {
		try (TokenStream tokens = ANALYZER.tokenStream("words", text)) {
			CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
			OffsetAttribute offset = tokens.addAttribute(OffsetAttribute.class);
			tokens.reset();
			while (tokens.incrementToken()) {
				action.accept(term.toString(), offset.startOffset(), offset.endOffset());
			}
			tokens.end();
		}
		catch (IOException ex) {
			// The text is in memory: an analyzer reading it does not fail.
			throw new UncheckedIOException(ex);
		}
	}

	@FunctionalInterface
	public interface TermAction {

		void accept(String term, int start, int end);

	}

}
