package dev.llmtwin.crawler.job;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What one crawl request may ask for, so that no caller can tie up the workers or the job
 * store; a request beyond a limit is refused as a whole, with the limit named.
 *
 * @param maxLinks links per request (after duplicates collapse)
 * @param maxLinkLength characters of one link as given
 * @param maxAuthorLength characters of the author's name
 */
@Validated
@ConfigurationProperties("crawler.jobs")
record JobLimits(@DefaultValue("1000") @Min(1) @Max(10_000) int maxLinks,
		@DefaultValue("2048") @Min(100) @Max(65_536) int maxLinkLength,
		@DefaultValue("200") @Min(16) @Max(10_000) int maxAuthorLength) {
}
