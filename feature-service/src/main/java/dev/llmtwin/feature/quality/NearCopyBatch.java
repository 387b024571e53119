package dev.llmtwin.feature.quality;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import dev.llmtwin.feature.document.CleanedDocument;
import dev.llmtwin.feature.document.CleanedDocumentStore;
import dev.llmtwin.feature.document.Fingerprint;

/**
 * The near-copy decisions of one batch, in order: each document is linked to the most
 * similar of its author's embedded documents, stored or decided earlier in the batch, or
 * is embedded itself. The stored candidates are looked up once per author for all the
 * batch's bands (one query per document cost a collection scan each on the embedded
 * server); a document joining the batch later asks only for the bands not looked up yet.
 */
public final class NearCopyBatch {

	private final CleanedDocumentStore documents;

	private final double minSimilarity;

	private final Set<String> inBatch;

	private final Map<String, StoredCandidates> storedByAuthor = new HashMap<>();

	private final List<CleanedDocument> embedded = new ArrayList<>();

	/**
	 * @param documents the store of cleaned documents
	 * @param minSimilarity the similarity from which two documents are copies of one work
	 * @param batch the batch's documents, as about to be recorded
	 * @param inBatch the ids of the batch's documents, whose stored state is outdated;
	 * the caller adds the copies it brings into the batch
	 */
	NearCopyBatch(CleanedDocumentStore documents, double minSimilarity, Collection<CleanedDocument> batch,
			Set<String> inBatch) {
		this.documents = documents;
		this.minSimilarity = minSimilarity;
		this.inBatch = inBatch;
		Map<String, Set<Long>> bandsByAuthor = new LinkedHashMap<>();
		for (CleanedDocument document : batch) {
			if (isCompared(document)) {
				Set<Long> bands = bandsByAuthor.computeIfAbsent(document.authorId(), (author) -> new HashSet<>());
				Arrays.stream(document.fingerprint().bands()).forEach(bands::add);
			}
		}
		bandsByAuthor.forEach((author, bands) -> lookUp(author, bands.stream().mapToLong(Long::longValue).toArray()));
	}

	/**
	 * Decides one document: the id of the document it nearly repeats, or empty when it is
	 * embedded (and the batch's later documents are compared with it).
	 */
	public Optional<String> decide(CleanedDocument document) {
		if (!isCompared(document)) {
			return Optional.empty();
		}
		Fingerprint fingerprint = document.fingerprint();
		Stream<CleanedDocument> decided = this.embedded.stream()
			.filter((candidate) -> Objects.equals(candidate.authorId(), document.authorId()));
		Optional<String> canonical = Stream.concat(stored(document), decided)
			.filter((candidate) -> !candidate.id().equals(document.id()))
			.map((candidate) -> new Candidate(candidate.id(), fingerprint.similarity(candidate.fingerprint())))
			.filter((candidate) -> candidate.similarity() >= this.minSimilarity)
			.max(Comparator.comparingDouble(Candidate::similarity)
				.thenComparing(Candidate::id, Comparator.reverseOrder()))
			.map(Candidate::id);
		if (canonical.isEmpty()) {
			this.embedded.add(document);
		}
		return canonical;
	}

	/** The author's stored embedded documents sharing a band with this one. */
	private Stream<CleanedDocument> stored(CleanedDocument document) {
		long[] bands = document.fingerprint().bands();
		StoredCandidates author = this.storedByAuthor.get(document.authorId());
		long[] missing = (author != null)
				? Arrays.stream(bands).filter((band) -> !author.bands.contains(band)).toArray() : bands;
		if (missing.length > 0) {
			lookUp(document.authorId(), missing);
		}
		return this.storedByAuthor.get(document.authorId()).byId.values()
			.stream()
			.filter((candidate) -> !this.inBatch.contains(candidate.id()))
			.filter((candidate) -> sharesABand(candidate.fingerprint(), bands));
	}

	private void lookUp(String authorId, long[] bands) {
		StoredCandidates author = this.storedByAuthor.computeIfAbsent(authorId, (id) -> new StoredCandidates());
		Arrays.stream(bands).forEach(author.bands::add);
		this.documents.embeddedWithAnyBand(authorId, bands)
			.forEach((candidate) -> author.byId.putIfAbsent(candidate.id(), candidate));
	}

	private static boolean sharesABand(Fingerprint candidate, long[] bands) {
		return Arrays.stream(candidate.bands()).anyMatch((band) -> Arrays.stream(bands).anyMatch((own) -> own == band));
	}

	private static boolean isCompared(CleanedDocument document) {
		return document.embeddable() && document.fingerprint() != null;
	}

	/** The bands looked up for an author and the stored documents found by them. */
	private static final class StoredCandidates {

		private final Set<Long> bands = new HashSet<>();

		private final Map<String, CleanedDocument> byId = new LinkedHashMap<>();

	}

	private record Candidate(String id, double similarity) {
	}

}
