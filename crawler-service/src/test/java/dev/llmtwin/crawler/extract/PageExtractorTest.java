package dev.llmtwin.crawler.extract;

import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import dev.llmtwin.crawler.extract.PageExtractor.PageExtraction;
import dev.llmtwin.crawler.source.medium.MediumRules;
import dev.llmtwin.crawler.source.substack.SubstackRules;

import static org.assertj.core.api.Assertions.assertThat;

class PageExtractorTest {

	private final MediumRules medium = new MediumRules();

	private final PageExtractor extractor = new PageExtractor(new ArticleExtractor(),
			List.of(this.medium, new SubstackRules()));

	@Test
	void aPlatformPageInMarkupItsRulesNoLongerKnowGetsTheGenericExtractorsText() {
		// A Medium story as Medium served it years ago: no data-selectable-paragraph.
		Document page = Jsoup.parse(
				"<html><head><title>On Behalf of Literally</title>"
						+ "<meta property=\"al:android:app_name\" content=\"Medium\"></head><body>"
						+ "<div class=\"section-content\"><h1>On Behalf of Literally</h1>"
						+ "<p>Language changes, and the word literally has changed with it over two centuries. </p>"
							.repeat(10)
						+ "</div></body></html>",
				"https://medium.com/@writer/on-behalf-of-literally-c3e1f0a9b2d4");

		PageExtraction extraction = this.extractor.extract(page, this.medium);

		assertThat(extraction.isListing()).isFalse();
		assertThat(extraction.rules()).isSameAs(this.medium);
		assertThat(extraction.article().content())
			.contains("Language changes, and the word literally has changed with it over two centuries.");
	}

	@Test
	void aPlatformsListingIsStillAListing() {
		Document page = Jsoup.parse("<html><body><a href=\"/@writer/one-c3e1f0a9b2d4\">One</a></body></html>",
				"https://medium.com/@writer");

		assertThat(this.extractor.extract(page, this.medium).isListing()).isTrue();
	}

}
