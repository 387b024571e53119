package dev.llmtwin.console.fleet;

import java.util.ArrayList;
import java.util.List;

/** Search results and documents as feature-service shows them. */
public final class Search {

	private Search() {
	}

	public record Results(String query, String mode, boolean collapsed, List<Hit> hits) {
	}

	public record Hit(String text, Snippet snippet, float score, String link, String documentId, String authorId,
			String type, String platform, String language, int chunkIndex, String embeddingModel) {

		/** The link, when it is one a page may follow ({@link SafeLinks}). */
		public String href() {
			return SafeLinks.href(this.link);
		}

	}

	/** Part of a chunk around the query's words, with their offsets in it. */
	public record Snippet(String text, List<Highlight> highlights) {

		/**
		 * The snippet cut at its highlights, for the page to mark them: each part is
		 * rendered as escaped text, never as markup.
		 */
		public List<Part> parts() {
			List<Part> parts = new ArrayList<>();
			if (this.text == null) {
				return parts;
			}
			int at = 0;
			for (Highlight highlight : (this.highlights != null) ? this.highlights : List.<Highlight>of()) {
				int start = Math.clamp(highlight.start(), at, this.text.length());
				int end = Math.clamp(highlight.end(), start, this.text.length());
				if (start > at) {
					parts.add(new Part(this.text.substring(at, start), false));
				}
				if (end > start) {
					parts.add(new Part(this.text.substring(start, end), true));
				}
				at = end;
			}
			if (at < this.text.length()) {
				parts.add(new Part(this.text.substring(at), false));
			}
			return parts;
		}

	}

	public record Highlight(int start, int end) {
	}

	public record Part(String text, boolean marked) {
	}

	/** {@code GET /api/documents/{id}} of feature-service. */
	public record Document(String id, String collection, String type, String platform, String authorId, String link,
			String title, String language, String heldBack, String duplicateOf, boolean deleted, String text,
			int chunkCount, String embeddingModel, List<Chunk> chunks) {

		/** The link, when it is one a page may follow ({@link SafeLinks}). */
		public String href() {
			return SafeLinks.href(this.link);
		}

	}

	public record Chunk(int index, String text) {
	}

}
