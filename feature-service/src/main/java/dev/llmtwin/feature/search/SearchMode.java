package dev.llmtwin.feature.search;

/** How {@code /api/search} matches a query ({@code mode=dense|lexical|hybrid}). */
enum SearchMode {

	/** By meaning: the nearest embeddings. */
	DENSE,
	/** By words: BM25 over the chunks' text, for exact wording, names and numbers. */
	LEXICAL,
	/** Both, fused by reciprocal rank: the default. */
	HYBRID

}
