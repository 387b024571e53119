package dev.llmtwin.feature.store;

import java.util.List;

/**
 * The new set of points of one document; none deletes it.
 *
 * @param documentId the raw document's id
 * @param chunks its chunks, indexed from 0
 */
public record DocumentWrite(String documentId, List<Chunk> chunks) {

	public boolean isDelete() {
		return this.chunks.isEmpty();
	}

}
