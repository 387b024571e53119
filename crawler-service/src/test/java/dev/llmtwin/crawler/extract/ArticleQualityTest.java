package dev.llmtwin.crawler.extract;

import org.junit.jupiter.api.Test;

import dev.llmtwin.crawler.crawl.CrawlException;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ArticleQualityTest {

	private final ArticleQuality quality = new ArticleQuality(new ExtractProperties(10_000, 100));

	@Test
	void anOrdinaryArticlePasses() {
		assertThatCode(() -> this.quality.check(article("A title", "A sentence of writing. ".repeat(100))))
			.doesNotThrowAnyException();
	}

	@Test
	void aTitleOrTextBeyondTheirLimitsFails() {
		assertThatExceptionOfType(CrawlException.class)
			.isThrownBy(() -> this.quality.check(article("t".repeat(101), "text")))
			.withMessageContaining("title has 101 characters, more than the 100");
		assertThatExceptionOfType(CrawlException.class)
			.isThrownBy(() -> this.quality.check(article("A title", "w".repeat(10_001))))
			.withMessageContaining("text has 10001 characters, more than the 10000");
	}

	@Test
	void garbledTextFails() {
		String garbled = "Some words \uFFFD\uFFFD and more \uFFFD. ".repeat(30);
		assertThatExceptionOfType(CrawlException.class).isThrownBy(() -> this.quality.check(article("T", garbled)))
			.withMessageContaining("garbled");
	}

	@Test
	void textFullOfControlCharactersFails() {
		String binary = "abc\u0001\u0002def\u0003ghi\u0004 ".repeat(40);
		assertThatExceptionOfType(CrawlException.class).isThrownBy(() -> this.quality.check(article("T", binary)))
			.withMessageContaining("control characters");
	}

	@Test
	void aFewOddCharactersInALongTextAreTolerated() {
		String text = "A sentence of writing. ".repeat(200) + "\uFFFD";
		assertThatCode(() -> this.quality.check(article("T", text))).doesNotThrowAnyException();
	}

	private static ExtractedArticle article(String title, String content) {
		return new ExtractedArticle(title, null, null, null, content, null, "en", "readability");
	}

}
