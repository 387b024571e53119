package dev.llmtwin.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A code repository in the {@code repositories} collection; its files are
 * {@link RepositoryFileDocument}s. {@code commit} is the crawled commit id.
 */
public record RepositoryDocument(@JsonProperty("_id") @JsonAlias("id") String id, String platform, String name,
		String link, String authorId, String commit, int fileCount, Instant crawledAt) {
}
