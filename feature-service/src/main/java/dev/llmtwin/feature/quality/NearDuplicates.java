package dev.llmtwin.feature.quality;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

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
	 * The id of the document this one nearly repeats, if any: the most similar of the
	 * author's embedded documents and of those this batch has just decided to embed.
	 * @param document the document, as about to be recorded
	 * @param batch the documents of the batch that will be embedded, decided so far
	 * @param inBatch the ids of the batch's documents, whose stored state is outdated
	 */
	public Optional<String> canonicalOf(CleanedDocument document, Collection<CleanedDocument> batch,
			Set<String> inBatch) {
		if (!this.properties.enabled() || document.fingerprint() == null) {
			return Optional.empty();
		}
		Stream<CleanedDocument> stored = this.documents
			.embeddedWithAnyBand(document.authorId(), document.fingerprint().bands())
			.stream()
			.filter((candidate) -> !inBatch.contains(candidate.id()));
		Stream<CleanedDocument> decided = batch.stream()
			.filter((candidate) -> candidate.fingerprint() != null
					&& Objects.equals(candidate.authorId(), document.authorId()));
		return Stream.concat(stored, decided)
			.filter((candidate) -> !candidate.id().equals(document.id()))
			.map((candidate) -> new Candidate(candidate.id(),
					document.fingerprint().similarity(candidate.fingerprint())))
			.filter((candidate) -> candidate.similarity() >= this.properties.minSimilarity())
			.max(Comparator.comparingDouble(Candidate::similarity)
				.thenComparing(Candidate::id, Comparator.reverseOrder()))
			.map(Candidate::id);
	}

	/** The documents recorded as copies of this one, by id. */
	public List<CleanedDocument> copiesOf(String canonicalId) {
		return this.properties.enabled() ? this.documents.copiesOf(canonicalId) : List.of();
	}

	private record Candidate(String id, double similarity) {
	}

}
