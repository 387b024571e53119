package dev.llmtwin.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One text file of a repository in the {@code repository_files} collection. The id
 * derives from the repository id and {@code path}, so a re-crawl keeps it; {@code link}
 * points at the file in the crawled commit.
 */
public record RepositoryFileDocument(@JsonProperty("_id") @JsonAlias("id") String id, String repositoryId,
		String platform, String path, String language, String link, String content, String authorId, String contentHash,
		Instant crawledAt) {
}
