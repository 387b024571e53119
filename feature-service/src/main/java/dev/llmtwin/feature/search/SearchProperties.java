package dev.llmtwin.feature.search;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.llmtwin.feature.store.Fusion;

/**
 * How {@code /api/search} searches.
 *
 * @param fusion how a hybrid search merges the dense and the lexical ranking:
 * {@code dbsf} (distribution-based score fusion) or {@code rrf} (reciprocal rank fusion);
 * {@code make
 * bench ARGS=retrieval} compares them
 */
@Validated
@ConfigurationProperties("feature.search")
record SearchProperties(@DefaultValue("dbsf") @NotNull Fusion fusion) {
}
