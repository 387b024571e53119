package dev.llmtwin.feature.search;

import java.util.List;

import org.springframework.stereotype.Service;

import dev.llmtwin.feature.index.ActiveIndex;
import dev.llmtwin.feature.store.SearchFilter;
import dev.llmtwin.feature.store.SearchHit;

/** Embeds a query with the active index's model and searches that index's store. */
@Service
class SemanticSearch {

	private final ActiveIndex index;

	SemanticSearch(ActiveIndex index) {
		this.index = index;
	}

	List<SearchHit> search(String query, int k, SearchFilter filter) {
		// One snapshot for both steps: a reindex may swap the model in between.
		ActiveIndex.Snapshot active = this.index.current();
		return active.store().search(active.embedder().embedQuery(query), k, filter);
	}

}
