package dev.llmtwin.feature.store;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the vector store holds of one document, for reconciliation against its raw
 * document: a faithful image has one point per chunk index, all of the raw document's
 * content hash and author.
 *
 * @param points the points stored
 * @param chunkIndexes their distinct chunk indexes
 * @param contentHashes their distinct content hashes
 * @param authorIds their distinct authors
 */
public record StoredDocument(int points, Set<Integer> chunkIndexes, Set<String> contentHashes, Set<String> authorIds) {

	/** More points than chunk indexes: a chunk is stored twice. */
	public boolean duplicated() {
		return this.points > this.chunkIndexes.size();
	}

	/** Gathers the points of a store, one at a time, into documents. */
	static final class Inventory {

		private final Map<String, Gathered> documents = new HashMap<>();

		void add(String documentId, int chunkIndex, String contentHash, String authorId) {
			Gathered document = this.documents.computeIfAbsent(documentId, (id) -> new Gathered());
			document.points++;
			document.chunkIndexes.add(chunkIndex);
			document.contentHashes.add(String.valueOf(contentHash));
			document.authorIds.add(String.valueOf(authorId));
		}

		Map<String, StoredDocument> documents() {
			Map<String, StoredDocument> result = new HashMap<>();
			this.documents.forEach((id, gathered) -> result.put(id, new StoredDocument(gathered.points,
					gathered.chunkIndexes, gathered.contentHashes, gathered.authorIds)));
			return result;
		}

		private static final class Gathered {

			private int points;

			private final Set<Integer> chunkIndexes = new HashSet<>();

			private final Set<String> contentHashes = new HashSet<>();

			private final Set<String> authorIds = new HashSet<>();

		}

	}

}
