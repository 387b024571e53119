package dev.llmtwin.crawler.extract;

import org.springframework.stereotype.Component;

import dev.llmtwin.crawler.crawl.CrawlException;
import dev.llmtwin.crawler.crawl.CrawlFailure;

/**
 * Keeps what is not writing out of the corpus: a text or title too long to be an
 * article's, and text that is garbled (replacement characters where the bytes did not
 * decode) or full of control characters (binary content read as text). Crawls and
 * previews apply the same checks.
 */
@Component
public class ArticleQuality {

	/** Below this length a few odd characters say nothing. */
	private static final int MIN_SAMPLE = 200;

	/** The share of replacement or control characters above which text is not text. */
	private static final double MAX_ODD_SHARE = 0.01;

	private final ExtractProperties properties;

	ArticleQuality(ExtractProperties properties) {
		this.properties = properties;
	}

	/**
	 * @throws CrawlException naming why the article must not be stored
	 */
	public void check(ExtractedArticle article) throws CrawlException {
		if (article.title() != null && article.title().length() > this.properties.maxTitleLength()) {
			throw new CrawlException(CrawlFailure.CONTENT,
					"the page's title has %d characters, more than the %d a title may have"
						.formatted(article.title().length(), this.properties.maxTitleLength()));
		}
		String text = article.content();
		if (text == null) {
			return;
		}
		if (text.length() > this.properties.maxTextLength()) {
			throw new CrawlException(CrawlFailure.CONTENT,
					"the page's text has %d characters, more than the %d an article may have".formatted(text.length(),
							this.properties.maxTextLength()));
		}
		if (text.length() < MIN_SAMPLE) {
			return;
		}
		long replaced = text.chars().filter((c) -> c == '\uFFFD').count();
		if (replaced > text.length() * MAX_ODD_SHARE) {
			throw new CrawlException(CrawlFailure.CONTENT,
					"the page's text is garbled: %d of its %d characters did not decode".formatted(replaced,
							text.length()));
		}
		long control = text.chars().filter(ArticleQuality::isOddControl).count();
		if (control > text.length() * MAX_ODD_SHARE) {
			throw new CrawlException(CrawlFailure.CONTENT,
					"the page's text is not text: %d of its %d characters are control characters".formatted(control,
							text.length()));
		}
	}

	private static boolean isOddControl(int c) {
		return Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t';
	}

}
