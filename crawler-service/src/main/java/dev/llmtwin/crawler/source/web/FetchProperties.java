package dev.llmtwin.crawler.source.web;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How web pages are fetched.
 *
 * @param userAgent the User-Agent header; a browser-like one, since many sites turn away
 * unknown clients, that still names the crawler
 * @param timeout connect and read timeout of one page
 * @param maxBodySize the most of a page that is read; the rest is cut off
 */
@Validated
@ConfigurationProperties("crawler.fetch")
record FetchProperties(@DefaultValue(DEFAULT_USER_AGENT) @NotBlank String userAgent,
		@DefaultValue("15s") @NotNull @DurationMin(millis = 1) Duration timeout,
		@DefaultValue("5MB") @NotNull DataSize maxBodySize) {

	static final String DEFAULT_USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 "
			+ "(KHTML, like Gecko) Chrome/138.0.0.0 Safari/537.36 LLMTwinCrawler/0.1";

}
