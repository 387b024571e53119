package dev.llmtwin.feature.document;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

import dev.llmtwin.feature.store.SearchHit;
import dev.llmtwin.feature.store.VectorStore;

/** One cleaned document with the chunks the vector store holds for it. */
@Service
class DocumentLookup {

	private final CleanedDocumentStore documents;

	private final VectorStore store;

	DocumentLookup(CleanedDocumentStore documents, VectorStore store) {
		this.documents = documents;
		this.store = store;
	}

	Optional<DocumentView> find(String id) {
		CleanedDocument document = this.documents.findAll(List.of(id)).get(id);
		if (document == null) {
			return Optional.empty();
		}
		List<DocumentView.ChunkView> chunks = document.embeddable() ? this.store.chunksOf(id)
			.stream()
			.sorted(Comparator.comparingInt(SearchHit::chunkIndex))
			.map((hit) -> new DocumentView.ChunkView(hit.chunkIndex(), hit.text()))
			.toList() : List.of();
		return Optional.of(DocumentView.of(document, chunks));
	}

}
