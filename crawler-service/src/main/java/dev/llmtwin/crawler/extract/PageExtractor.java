package dev.llmtwin.crawler.extract;

import java.net.URI;
import java.util.List;

import org.jsoup.nodes.Document;

import org.springframework.stereotype.Component;

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
	 * @return the page's article; none when the page is a recognised platform's listing
	 */
	public PageExtraction extract(Document page, SiteRules given) {
		SiteRules rules = given;
		if (rules == null) {
			rules = this.platforms.stream().filter((platform) -> platform.recognises(page)).findFirst().orElse(null);
			if (rules != null && isListing(rules, page)) {
				return new PageExtraction(page, rules, null);
			}
		}
		return new PageExtraction(page, rules, (rules != null) ? rules.extract(page) : this.generic.extract(page));
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
	 * A page with the rules that apply to it and its article (null on a listing page).
	 */
	public record PageExtraction(Document page, SiteRules rules, ExtractedArticle article) {

		public boolean isListing() {
			return this.article == null;
		}

	}

}
