package dev.llmtwin.feature.quality;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How near-copies of one work are found.
 *
 * @param enabled whether a document that nearly repeats another of its author's is linked
 * to it instead of embedded
 * @param minSimilarity the estimated Jaccard similarity of two documents' three-word
 * shingles from which they count as copies of one work
 * @param minWords the fewest words a document is compared with: shorter ones (a status
 * post, a stub) share too few shingles to tell a copy from a template
 */
@Validated
@ConfigurationProperties("feature.duplicates")
public record DuplicateProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("0.7") @DecimalMin("0.3") @DecimalMax("1.0") double minSimilarity,
		@DefaultValue("50") @Min(3) int minWords) {
}
