package dev.llmtwin.feature.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A text as a sparse vector for Qdrant's lexical search: one dimension per term (the
 * term's hash), weighted by BM25's term-frequency part; Qdrant multiplies in each term's
 * inverse document frequency (the collection's {@code Idf} modifier), so that a query's
 * dot product with a chunk is its BM25 score. The terms are {@link QueryTerms}', as in
 * the Lucene store.
 *
 * @param indices the terms' dimensions, distinct
 * @param values their weights, in the same order
 */
record SparseText(List<Integer> indices, List<Float> values) {

	/** BM25's saturation of repeated terms. */
	private static final double K1 = 1.2;

	/** BM25's length normalisation. */
	private static final double B = 0.75;

	/** About the words of a 256-token chunk; Qdrant keeps no running average. */
	static final double AVERAGE_LENGTH = 180;

	/**
	 * A chunk's terms weighted by how often they occur, saturated and length-normalised.
	 */
	static SparseText ofDocument(String text) {
		List<String> terms = QueryTerms.all(text);
		Map<Integer, Integer> frequencies = new LinkedHashMap<>();
		terms.forEach((term) -> frequencies.merge(dimension(term), 1, Integer::sum));
		double norm = K1 * (1 - B + B * terms.size() / AVERAGE_LENGTH);
		List<Integer> indices = new ArrayList<>(frequencies.size());
		List<Float> values = new ArrayList<>(frequencies.size());
		frequencies.forEach((dimension, frequency) -> {
			indices.add(dimension);
			values.add((float) (frequency * (K1 + 1) / (frequency + norm)));
		});
		return new SparseText(List.copyOf(indices), List.copyOf(values));
	}

	/** A query's distinct terms, each weighing one. */
	static SparseText ofQuery(String query) {
		List<Integer> indices = new ArrayList<>();
		for (String term : QueryTerms.of(query)) {
			int dimension = dimension(term);
			if (!indices.contains(dimension)) {
				indices.add(dimension);
			}
		}
		return new SparseText(List.copyOf(indices), indices.stream().map((dimension) -> 1f).toList());
	}

	boolean isEmpty() {
		return this.indices.isEmpty();
	}

	/**
	 * String's hash is fixed by the language, so every instance and every run agree; a
	 * collision of two terms among 2^31 dimensions merges their weights, as a hashed BM25
	 * accepts.
	 */
	static int dimension(String term) {
		return term.hashCode() & Integer.MAX_VALUE;
	}

}
