package dev.llmtwin.crawler.fetch;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How pages are fetched.
 *
 * @param userAgent the User-Agent header; a browser-like one, since many sites turn away
 * unknown clients, that still names the crawler
 * @param robotsAgent the product token robots.txt groups are matched against
 * @param timeout connect timeout, and read timeout of each read of a page
 * @param maxBodySize the largest page that is read; a larger one fails the link
 * @param maxRedirects how many redirects one fetch follows
 * @param allowedHosts host names, addresses or CIDR ranges the SSRF guard admits although
 * they are private (tests and the demo use {@code 127.0.0.1})
 * @param hostRequestsPerSecond requests per second sent to one host, robots.txt included
 * @param robotsCacheTtl how long a host's robots.txt is reused
 */
@Validated
@ConfigurationProperties("crawler.fetch")
record FetchProperties(@DefaultValue(DEFAULT_USER_AGENT) @NotBlank String userAgent,
		@DefaultValue("LLMTwinCrawler") @NotBlank String robotsAgent,
		@DefaultValue("15s") @NotNull @DurationMin(millis = 1) Duration timeout,
		@DefaultValue("5MB") @NotNull DataSize maxBodySize, @DefaultValue("5") @Min(0) @Max(20) int maxRedirects,
		@DefaultValue List<String> allowedHosts, @DefaultValue("2") @Min(1) int hostRequestsPerSecond,
		@DefaultValue("1h") @NotNull Duration robotsCacheTtl) {

	static final String DEFAULT_USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 "
			+ "(KHTML, like Gecko) Chrome/138.0.0.0 Safari/537.36 LLMTwinCrawler/0.1";

}
