package dev.llmtwin.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A social post (LinkedIn) in the {@code posts} collection. {@code link} is the post's
 * normalized address, or {@code linkedin:<platform post id>} when the post has none; the
 * id derives from it.
 */
public record PostDocument(@JsonProperty("_id") @JsonAlias("id") String id, String platform, String link,
		String content, String authorId, String contentHash, Instant publishedAt, Instant crawledAt) {
}
