package dev.llmtwin.feature.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.llmtwin.feature.store.QueryTerms;

/**
 * The part of a chunk worth showing for a query, with where the query's words occur in
 * it. The highlights are offsets, not markup: the text is crawled and untrusted, so a
 * client escapes it and marks the ranges itself.
 *
 * @param text at most {@value #LENGTH} characters of the chunk, around its first match
 * @param highlights the query's words in {@code text}, in order
 */
record Snippet(String text, List<Highlight> highlights) {

	static final int LENGTH = 300;

	/** Context kept before the first match. */
	private static final int LEAD = 60;

	static Snippet of(String chunk, String query) {
		Set<String> wanted = Set.copyOf(QueryTerms.of(query));
		List<Highlight> matches = new ArrayList<>();
		QueryTerms.forEachTerm(chunk, (term, start, end) -> {
			if (wanted.contains(term)) {
				matches.add(new Highlight(start, end));
			}
		});
		int from = matches.isEmpty() ? 0 : wordStart(chunk, Math.max(0, matches.get(0).start() - LEAD));
		int to = end(chunk, from);
		List<Highlight> inside = matches.stream()
			.filter((match) -> match.start() >= from && match.end() <= to)
			.map((match) -> new Highlight(match.start() - from, match.end() - from))
			.toList();
		return new Snippet(chunk.substring(from, to), inside);
	}

	/** Ends a snippet at a space when one is near enough. */
	private static int end(String text, int from) {
		int to = Math.min(text.length(), from + LENGTH);
		if (to < text.length()) {
			int space = text.lastIndexOf(' ', to);
			return (space > from + LENGTH / 2) ? space : to;
		}
		return to;
	}

	/** Starts a snippet at a word, not inside one. */
	private static int wordStart(String text, int index) {
		if (index == 0) {
			return 0;
		}
		int space = text.indexOf(' ', index);
		return (space < 0 || space - index > LEAD) ? index : space + 1;
	}

	/**
	 * @param start the first character of a matched word in the snippet
	 * @param end the character after it
	 */
	record Highlight(int start, int end) {
	}

}
