package dev.llmtwin.feature.store;

import dev.llmtwin.feature.FeatureType;

/**
 * Payload conditions a search hit must meet; {@code null} fields do not filter.
 *
 * @param type the kind of document
 * @param authorId the author
 * @param platform where it was published
 */
public record SearchFilter(FeatureType type, String authorId, String platform, String language) {

	public static final SearchFilter NONE = new SearchFilter(null, null, null, null);

	public SearchFilter(FeatureType type, String authorId, String platform) {
		this(type, authorId, platform, null);
	}

	public boolean isEmpty() {
		return this.type == null && this.authorId == null && this.platform == null && this.language == null;
	}

}
