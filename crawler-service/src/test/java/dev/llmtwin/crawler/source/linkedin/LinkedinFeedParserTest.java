package dev.llmtwin.crawler.source.linkedin;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.llmtwin.crawler.crawl.CrawlException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LinkedinFeedParserTest {

	private static final Instant NOW = Instant.parse("2026-05-20T12:00:00Z");

	@ParameterizedTest
	@CsvSource({ "5m, 2026-05-20T11:55:00Z", "3h, 2026-05-20T09:00:00Z", "2d • , 2026-05-18T12:00:00Z",
			"1w, 2026-05-13T12:00:00Z", "4mo, 2026-01-20T12:00:00Z", "1yr • Edited, 2025-05-20T12:00:00Z" })
	void relativeTimeCountsBackFromNow(String shown, Instant expected) {
		assertThat(LinkedinFeedParser.relativeTime(shown, NOW)).isEqualTo(expected);
	}

	@Test
	void activityIdGivesThePublicationTime() {
		Instant published = Instant.parse("2024-03-18T08:30:00.123Z");
		String urn = "urn:li:activity:" + ((published.toEpochMilli() << 22) | 12345);

		assertThat(LinkedinFeedParser.publishedAt(urn, new Element("div"), NOW)).isEqualTo(published);
	}

	@Test
	void withoutANumericIdTheDatetimeAttributeOrTheShownAgeCounts() {
		Element withTime = Jsoup.parse("<div><time datetime=\"2024-03-18T08:30:00Z\">Mar 18</time></div>").body();
		Element withAge = Jsoup
			.parse("<div><span class=\"update-components-actor__sub-description\">"
					+ "<span aria-hidden=\"true\">3d • </span></span></div>")
			.body();

		assertThat(LinkedinFeedParser.publishedAt("urn:li:share:abc", withTime, NOW))
			.isEqualTo(Instant.parse("2024-03-18T08:30:00Z"));
		assertThat(LinkedinFeedParser.publishedAt("urn:li:share:abc", withAge, NOW))
			.isEqualTo(NOW.minus(Duration.ofDays(3)).atOffset(ZoneOffset.UTC).toInstant());
	}

	@ParameterizedTest
	@CsvSource({ "https://www.linkedin.com/in/jane-doe, jane-doe, /in/jane-doe/recent-activity/all/",
			"https://www.linkedin.com/in/jane-doe/recent-activity/all/, jane-doe, /in/jane-doe/recent-activity/all/",
			"https://linkedin.com/in/jane-doe/details/experience/, jane-doe, /in/jane-doe/recent-activity/all/" })
	void profileLinksOpenTheActivity(String link, String profile, String path) throws CrawlException {
		LinkedinLink parsed = LinkedinLink.of(link);

		assertThat(parsed.isProfile()).isTrue();
		assertThat(parsed.profile()).isEqualTo(profile);
		assertThat(parsed.path()).isEqualTo(path);
	}

	@ParameterizedTest
	@CsvSource({
			"https://www.linkedin.com/feed/update/urn:li:activity:7171234567890123456/, /feed/update/urn:li:activity:7171234567890123456/, 7171234567890123456",
			"https://www.linkedin.com/posts/jane-doe_streaming-activity-7171234567890123456-AbCd/, /posts/jane-doe_streaming-activity-7171234567890123456-AbCd/, 7171234567890123456" })
	void postLinksOpenThePost(String link, String path, String activityId) throws CrawlException {
		LinkedinLink parsed = LinkedinLink.of(link);

		assertThat(parsed.isProfile()).isFalse();
		assertThat(parsed.path()).isEqualTo(path);
		assertThat(parsed.activityId()).isEqualTo(activityId);
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://www.linkedin.com/", "https://www.linkedin.com/jobs/view/123",
			"https://www.linkedin.com/company/acme/" })
	void otherLinksFail(String link) {
		assertThatExceptionOfType(CrawlException.class).isThrownBy(() -> LinkedinLink.of(link))
			.withMessageContaining(link);
	}

	@Test
	void propertiesNeverShowTheCredentials() {
		LinkedinProperties properties = new LinkedinProperties(URI.create("https://www.linkedin.com"),
				"jane@example.com", "s3cret-passw0rd", 20, Duration.ofSeconds(10), Duration.ofSeconds(30));

		assertThat(properties.toString()).doesNotContain("jane@example.com", "s3cret-passw0rd").contains("******");
		assertThat(properties.hasCredentials()).isTrue();
		assertThat(new LinkedinProperties(URI.create("https://www.linkedin.com"), "jane@example.com", " ", 20,
				Duration.ofSeconds(10), Duration.ofSeconds(30))
			.hasCredentials()).isFalse();
	}

}
