package dev.llmtwin.crawler.article;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import org.jsoup.nodes.Document;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.llmtwin.crawler.crawl.CrawlException;
import dev.llmtwin.crawler.crawl.CrawlFailure;
import dev.llmtwin.crawler.fetch.PageFetcher;
import dev.llmtwin.crawler.link.LinkNormalizer;

/**
 * A blog as a whole: a blog's home page or an author, category or archive page that
 * declares an RSS or Atom feed expands into the posts the feed lists, on the blog's own
 * host. An article page declares the same feed; its address (not an index's) keeps it an
 * article. Feeds are parsed with ROME, which refuses document type declarations, so a
 * crawled feed cannot pull in entities or other files.
 */
@Component
class BlogFeeds {

	private static final Logger log = LoggerFactory.getLogger(BlogFeeds.class);

	/**
	 * Addresses of a blog's index pages: the root, a blog section, an author or topic.
	 */
	private static final Pattern INDEX = Pattern.compile("/?|/(blog|posts|articles|writing|essays|notes|news|journal"
			+ "|archives?)/?|/(author|authors|category|categories|tag|tags|topics?|series)/[^/]+/?|/(blog/)?page/\\d+/?",
			Pattern.CASE_INSENSITIVE);

	/** Compiled once: the check runs on every article page crawled. */
	private static final Evaluator FEED_LINKS = QueryParser
		.parse("link[rel~=(?i)alternate][href][type~=(?i)application/(rss|atom)\\+xml]");

	private final PageFetcher fetcher;

	BlogFeeds(PageFetcher fetcher) {
		this.fetcher = fetcher;
	}

	/**
	 * The posts of a blog's index page, at most {@code limit}, newest first as the feed
	 * lists them; empty when the page is not an index with a feed, or its feed lists no
	 * post on the blog's host (the page is then crawled as an article).
	 */
	Optional<List<String>> posts(Document page, int limit) {
		URI address = URI.create(page.location());
		String path = (address.getRawPath() != null) ? address.getRawPath() : "";
		if (!INDEX.matcher(path).matches()) {
			return Optional.empty();
		}
		String feed = page.select(FEED_LINKS)
			.stream()
			.map((link) -> link.absUrl("href"))
			.filter((href) -> !href.isEmpty())
			.findFirst()
			.orElse(null);
		if (feed == null) {
			return Optional.empty();
		}
		Set<String> posts = new LinkedHashSet<>();
		try {
			for (SyndEntry entry : parse(this.fetcher.fetchXml(feed)).getEntries()) {
				String link = (entry.getLink() != null) ? entry.getLink() : entry.getUri();
				if (link == null || posts.size() >= limit) {
					continue;
				}
				LinkNormalizer.normalize(URI.create(feed).resolve(link.strip()).toString())
					.filter((post) -> URI.create(post).getHost().equalsIgnoreCase(address.getHost()))
					.filter((post) -> !post.equals(page.location()))
					.ifPresent(posts::add);
			}
		}
		catch (CrawlException | IllegalArgumentException ex) {
			log.info("The feed {} of {} gives no posts: {}", feed, page.location(), ex.getMessage());
			return Optional.empty();
		}
		return posts.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(posts));
	}

	private static SyndFeed parse(byte[] xml) throws CrawlException {
		try (XmlReader reader = new XmlReader(new ByteArrayInputStream(xml))) {
			return new SyndFeedInput().build(reader);
		}
		catch (FeedException | IOException | RuntimeException ex) {
			throw new CrawlException(CrawlFailure.CONTENT, "not a readable RSS or Atom feed", ex);
		}
	}

}
