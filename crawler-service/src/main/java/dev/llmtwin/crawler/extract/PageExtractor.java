package dev.llmtwin.crawler.extract;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.jsoup.nodes.Document;

import org.springframework.stereotype.Component;

import dev.llmtwin.model.Source;

/**
 * The one extraction code path of the crawlers, the preview endpoint and the benchmark:
 * the platform's site rules when given or recognised by the page's markup, else the
 * generic main-content extractor.
 */
@Component
public class PageExtractor {

	private final ArticleExtractor generic;

	private final List<SiteRules> platforms;

	public PageExtractor(ArticleExtractor generic, List<SiteRules> platforms) {
		this.generic = generic;
		this.platforms = List.copyOf(platforms);
	}

	/**
	 * @param given the platform's rules, or null to recognise the platform by the page's
	 * markup and fall back to the generic extractor
	 * @return the page's article; none when the page is the platform's listing
	 */
	public PageExtraction extract(Document page, SiteRules given) {
		long started = System.nanoTime();
		SiteRules rules = (given != null) ? given
				: this.platforms.stream().filter((platform) -> platform.recognises(page)).findFirst().orElse(null);
		if (rules != null && isListing(rules, page)) {
			return new PageExtraction(page, rules, null, Duration.ofNanos(System.nanoTime() - started));
		}
		ExtractedArticle article = (rules != null) ? rules.extract(page) : this.generic.extract(page);
		if (rules != null && !article.hasContent()) {
			// A platform's markup changes over the years: the generic extractor still
			// finds the text where the platform's own rules no longer do.
			article = this.generic.extract(page);
		}
		return new PageExtraction(page, rules, article, Duration.ofNanos(System.nanoTime() - started));
	}

	/**
	 * What the generic extractor finds on any page, a platform's listing included: a
	 * preview of a listing shows it beside the listed articles.
	 */
	public ExtractedArticle generic(Document page) {
		return this.generic.extract(page);
	}

	/** The site rules of a platform's crawler; none for the generic web crawler. */
	public SiteRules rulesFor(Source source) {
		return this.platforms.stream().filter((platform) -> platform.platform() == source).findFirst().orElse(null);
	}

	private static boolean isListing(SiteRules rules, Document page) {
		try {
			return rules.isListing(URI.create(page.location()));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/**
	 * A page with the rules that apply to it, its article (null on a listing page) and
	 * the time extraction took.
	 */
	public record PageExtraction(Document page, SiteRules rules, ExtractedArticle article, Duration took) {

		public boolean isListing() {
			return this.article == null;
		}

	}

}
