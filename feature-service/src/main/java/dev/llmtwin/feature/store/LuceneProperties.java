package dev.llmtwin.feature.store;

import java.nio.file.Path;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The embedded Lucene vector store.
 *
 * @param path the index directory (created when missing)
 */
@Validated
@ConfigurationProperties("feature.lucene")
public record LuceneProperties(@NotNull Path path) {
}
