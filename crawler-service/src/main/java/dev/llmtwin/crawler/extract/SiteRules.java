package dev.llmtwin.crawler.extract;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import tools.jackson.databind.JsonNode;

import dev.llmtwin.crawler.link.LinkNormalizer;
import dev.llmtwin.model.Source;

/**
 * How one publishing platform lays out its pages: how to recognise them (also on a custom
 * domain), where the article's parts are, and which pages list a writer's articles.
 */
public interface SiteRules {

	/** The platform stored with the articles. */
	Source platform();

	/** Whether the page was made by this platform, whatever its domain. */
	boolean recognises(Document page);

	/** Whether the address is a page that lists articles rather than one article. */
	boolean isListing(URI url);

	/** The article on the page; its content is empty when the page holds none. */
	ExtractedArticle extract(Document page);

	/** The normalized links of the articles a listing page links to, in page order. */
	List<String> articleLinks(Document listing);

	/**
	 * Where the platform lists more of the listing's articles as JSON than its HTML
	 * shows, if it does.
	 */
	default Optional<String> articleFeed(Document listing, int limit) {
		return Optional.empty();
	}

	/** The normalized article links of such a JSON listing. */
	default List<String> articleLinks(JsonNode feed, Document listing) {
		return List.of();
	}

	/** The page's links that pass the filter, absolute, normalized and distinct. */
	static List<String> links(Document page, Predicate<URI> filter) {
		Set<String> links = new LinkedHashSet<>();
		for (Element anchor : page.select("a[href]")) {
			String href = anchor.absUrl("href");
			if (href.isEmpty()) {
				continue;
			}
			LinkNormalizer.normalize(href)
				.map(URI::create)
				.filter(filter)
				.ifPresent((uri) -> links.add(uri.toString()));
		}
		return List.copyOf(links);
	}

}
