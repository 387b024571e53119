package dev.llmtwin.feature.quality;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.llmtwin.feature.clean.Words;
import dev.llmtwin.feature.document.CleanedDocument;
import dev.llmtwin.feature.document.CleanedDocumentStore;
import dev.llmtwin.feature.document.Fingerprint;

/**
 * Finds the canonical copy of a work among an author's embedded documents: the same
 * article cross-posted on two platforms, with other page furniture and small edits, is
 * one work, embedded once. The copy embedded first stays the canonical one.
 */
@Component
public class NearDuplicates {

	private final CleanedDocumentStore documents;

	private final DuplicateProperties properties;

	NearDuplicates(CleanedDocumentStore documents, DuplicateProperties properties) {
		this.documents = documents;
		this.properties = properties;
	}

	/**
	 * The fingerprint a text is compared by, or {@code null} when it is not compared:
	 * near-copies are off, or the text is too short.
	 */
	public Fingerprint fingerprint(String text) {
		if (!this.properties.enabled() || Words.count(text) < this.properties.minWords()) {
			return null;
		}
		return Fingerprint.of(text);
	}

	/**
	 * The near-copy decisions of a batch, to be taken in order (with near-copies off, no
	 * document has a fingerprint, so each is embedded).
	 * @param batch the batch's documents, as about to be recorded
	 * @param inBatch the ids of the batch's documents, whose stored state is outdated
	 * (the caller adds the copies it brings into the batch)
	 */
	public NearCopyBatch batch(Collection<CleanedDocument> batch, Set<String> inBatch) {
		return new NearCopyBatch(this.documents, this.properties.minSimilarity(), batch, inBatch);
	}

	/** The documents recorded as copies of this one, by id. */
	public List<CleanedDocument> copiesOf(String canonicalId) {
		return this.properties.enabled() ? this.documents.copiesOf(canonicalId) : List.of();
	}

}
