package dev.llmtwin.crawler.extract;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The size of what an article page may yield; beyond it the link fails with the reason.
 *
 * @param maxTextLength characters of an article's main text (a long essay has about
 * 60,000)
 * @param maxTitleLength characters of its title
 */
@Validated
@ConfigurationProperties("crawler.extract")
record ExtractProperties(@DefaultValue("200000") @Min(1000) int maxTextLength,
		@DefaultValue("1000") @Min(50) int maxTitleLength) {
}
