package dev.llmtwin.feature.search;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Service;

import dev.llmtwin.feature.index.ActiveIndex;
import dev.llmtwin.feature.store.Fusion;
import dev.llmtwin.feature.store.SearchFilter;
import dev.llmtwin.feature.store.SearchHit;
import dev.llmtwin.feature.store.VectorStore;

/**
 * Searches the active index's store by meaning (the query embedded with the index's
 * model), by words (BM25), or both fused, with the chunks that hold a pasted passage
 * first when searching by words; and, when asked, keeps only each document's best chunk.
 */
@Service
class ChunkSearch {

	/** How many chunks are read per hit asked for when hits collapse per document. */
	private static final int CHUNKS_PER_HIT = 4;

	private static final int MAX_CANDIDATES = 200;

	private final ActiveIndex index;

	private final SearchProperties properties;

	ChunkSearch(ActiveIndex index, SearchProperties properties) {
		this.index = index;
		this.properties = properties;
	}

	/**
	 * @param fusion how a hybrid search merges its two rankings, or null for the
	 * configured one
	 */
	List<SearchHit> search(String query, SearchMode mode, Fusion fusion, int k, SearchFilter filter, boolean collapse) {
		// Extra candidates: collapsing keeps one chunk per document, and a chunk that
		// holds a
		// pasted passage may rank below the first k by words or meaning alone.
		int candidates = (collapse || mode != SearchMode.DENSE) ? Math.min(k * CHUNKS_PER_HIT, MAX_CANDIDATES) : k;
		// One snapshot for both steps: a reindex may swap the model in between.
		ActiveIndex.Snapshot active = this.index.current();
		VectorStore store = active.store();
		List<SearchHit> found = switch (mode) {
			case DENSE -> store.search(active.embedder().embedQuery(query), candidates, filter);
			case LEXICAL -> store.searchText(query, candidates, filter);
			case HYBRID -> store.searchHybrid(active.embedder().embedQuery(query), query, candidates, filter,
					(fusion != null) ? fusion : this.properties.fusion());
		};
		if (mode != SearchMode.DENSE) {
			found = PhraseMatch.passagesFirst(query, found);
		}
		return collapse ? bestChunkPerDocument(found, k) : found.subList(0, Math.min(k, found.size()));
	}

	/** The hits are ranked best first, so the first of each document is its best. */
	private static List<SearchHit> bestChunkPerDocument(List<SearchHit> hits, int k) {
		Set<String> documents = new HashSet<>();
		List<SearchHit> best = new ArrayList<>(k);
		for (SearchHit hit : hits) {
			if (best.size() < k && documents.add(hit.documentId())) {
				best.add(hit);
			}
		}
		return best;
	}

}
