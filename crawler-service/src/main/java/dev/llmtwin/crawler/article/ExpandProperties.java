package dev.llmtwin.crawler.article;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a profile or archive link expands.
 *
 * @param maxArticles the most articles one profile or archive link is crawled into
 * @param fetchAhead how many of its articles are fetched ahead of the one being
 * extracted, and how many written behind it (each fetch still waits for the host's rate
 * limit)
 */
@Validated
@ConfigurationProperties("crawler.expand")
public record ExpandProperties(@DefaultValue("20") @Min(1) @Max(1000) int maxArticles,
		@DefaultValue("4") @Min(1) @Max(32) int fetchAhead) {
}
