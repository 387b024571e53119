package dev.llmtwin.model;

import java.util.Locale;
import java.util.UUID;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.NameBasedGenerator;

/**
 * Deterministic ids (name-based UUID v5), so that a replay or a re-crawl produces the
 * same id instead of a duplicate.
 */
public final class Ids {

	private static final NameBasedGenerator URLS = Generators.nameBasedGenerator(NameBasedGenerator.NAMESPACE_URL);

	private static final NameBasedGenerator NAMES = Generators
		.nameBasedGenerator(UUID.fromString("6f1c1b8e-3f7d-5b2a-9c47-2f4f2e0d7a11"));

	private Ids() {
	}

	/** The id of a raw document crawled from a (normalized) link. */
	public static String documentId(String normalizedLink) {
		return URLS.generate(normalizedLink).toString();
	}

	/** The id of a repository's file: stable across crawls of the same repository. */
	public static String repositoryFileId(String repositoryId, String path) {
		return NAMES.generate("file:" + repositoryId + ":" + path).toString();
	}

	/** The id of an author, from the name as given (case and spacing do not matter). */
	public static String authorId(String firstName, String lastName) {
		String key = (firstName.strip() + " " + lastName.strip()).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
		return NAMES.generate("author:" + key).toString();
	}

	/**
	 * The vector-store point id of a document's chunk: UUID v5 of
	 * {@code documentId#chunkIndex}.
	 */
	public static String pointId(String documentId, int chunkIndex) {
		return NAMES.generate(documentId + "#" + chunkIndex).toString();
	}

	/**
	 * A stable event id from a change's unique position (for example its resume token).
	 */
	public static String eventId(String collection, String position) {
		return NAMES.generate("event:" + collection + ":" + position).toString();
	}

}
