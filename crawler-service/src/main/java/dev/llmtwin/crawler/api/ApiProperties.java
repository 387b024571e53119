package dev.llmtwin.crawler.api;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the crawler's API.
 *
 * @param requestsPerMinute crawl triggers and previews one client may send a minute
 */
@Validated
@ConfigurationProperties("crawler.api")
record ApiProperties(@DefaultValue("60") @Min(1) int requestsPerMinute) {
}
