package dev.llmtwin.crawler.preview;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;

import org.jsoup.nodes.Document;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.llmtwin.crawler.article.ArticleCrawling;
import dev.llmtwin.crawler.crawl.CrawlException;
import dev.llmtwin.crawler.extract.ArticleQuality;
import dev.llmtwin.crawler.extract.ExtractedArticle;
import dev.llmtwin.crawler.extract.PageExtractor.PageExtraction;
import dev.llmtwin.crawler.extract.PageExtractor;
import dev.llmtwin.crawler.fetch.PageFetcher;
import dev.llmtwin.crawler.fetch.PageTooLargeException;
import dev.llmtwin.crawler.job.Problems;
import dev.llmtwin.crawler.job.SourceDispatcher;
import dev.llmtwin.crawler.link.LinkNormalizer;
import dev.llmtwin.model.ContentHash;
import dev.llmtwin.model.Ids;
import dev.llmtwin.model.Source;

/**
 * {@code POST /api/extract}: the article a crawl would store for a page, without storing
 * anything. The page is fetched as a crawl fetches it ({@code {"url": ...}} as JSON), or
 * given as its HTML bytes with its address as the {@code url} parameter.
 */
@RestController
@RequestMapping("/api/extract")
class ExtractController {

	/** Sources whose links are not pages with one article. */
	private static final Set<Source> NOT_ARTICLE_PAGES = Set.of(Source.GITHUB, Source.LINKEDIN);

	private final ArticleCrawling crawling;

	private final PageExtractor extractor;

	private final PageFetcher fetcher;

	private final SourceDispatcher dispatcher;

	private final ArticleQuality quality;

	ExtractController(ArticleCrawling crawling, PageExtractor extractor, PageFetcher fetcher,
			SourceDispatcher dispatcher, ArticleQuality quality) {
		this.quality = quality;
		this.crawling = crawling;
		this.extractor = extractor;
		this.fetcher = fetcher;
		this.dispatcher = dispatcher;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ExtractedPage fetchAndExtract(@RequestBody ExtractRequest request) {
		if (request == null || request.url() == null || request.url().isBlank()) {
			throw Problems.of(HttpStatus.BAD_REQUEST, "Invalid extract request", "'url' must name the page to extract");
		}
		String link = normalized(request.url());
		Source source = articleSource(link);
		long started = System.nanoTime();
		PageExtraction extraction;
		try {
			extraction = this.crawling.preview(source, link);
		}
		catch (CrawlException ex) {
			throw Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "Page not extracted", ex.getMessage());
		}
		return answer(link, source, extraction, millisSince(started));
	}

	@PostMapping(consumes = { MediaType.TEXT_HTML_VALUE, MediaType.APPLICATION_XHTML_XML_VALUE })
	ExtractedPage extract(InputStream body, @RequestHeader(name = "Content-Type") MediaType contentType,
			@RequestParam(required = false) String url) throws IOException {
		String link = (url == null || url.isBlank()) ? null : normalized(url);
		Source source = (link != null) ? articleSource(link) : Source.WEB;
		String charset = contentType.getParameter("charset");
		Document page;
		try {
			page = this.fetcher.read(body, (charset != null) ? charset.replace("\"", "") : null,
					(link != null) ? link : "");
		}
		catch (PageTooLargeException ex) {
			throw Problems.of(HttpStatus.CONTENT_TOO_LARGE, "Page too large", ex.getMessage());
		}
		catch (CrawlException ex) {
			throw Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "Not a page", ex.getMessage());
		}
		return answer(link, source, this.extractor.extract(page, this.extractor.rulesFor(source)), null);
	}

	/**
	 * @param loadMillis how long loading and extracting the page took when the service
	 * loaded it, else null
	 */
	private ExtractedPage answer(String link, Source source, PageExtraction extraction, Double loadMillis) {
		if (extraction.isListing()) {
			List<String> links = extraction.rules().articleLinks(extraction.page());
			ErrorResponseException listing = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "A listing page",
					"The page lists " + links.size() + " " + extraction.rules().platform().routingKey()
							+ " articles rather than holding one; crawl it to store them");
			listing.getBody().setProperty("articleLinks", links);
			// The page's own text is not lost to the classification: shown, not stored.
			String text = this.extractor.generic(extraction.page()).content();
			if (text != null && !text.isBlank()) {
				listing.getBody().setProperty("text", text);
			}
			throw listing;
		}
		ExtractedArticle article = extraction.article();
		if (!article.hasContent()) {
			throw Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "No article text",
					"No article text found on the page" + ((link != null) ? " " + link : ""));
		}
		try {
			this.quality.check(article);
		}
		catch (CrawlException ex) {
			throw Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "Not article text", ex.getMessage());
		}
		Source platform = (extraction.rules() != null) ? extraction.rules().platform() : source;
		double extractionMillis = extraction.took().toNanos() / 1e6;
		Double fetchMillis = (loadMillis != null) ? round(Math.max(0, loadMillis - extractionMillis)) : null;
		return new ExtractedPage((link != null) ? Ids.documentId(link) : null, platform.routingKey(), link,
				article.title(), article.subtitle(), article.author(), article.siteName(), article.publishedAt(),
				article.language(), article.content(), article.content().length(),
				ContentHash.of(article.title(), article.subtitle(), article.content()), article.extractor(),
				round(extractionMillis), fetchMillis);
	}

	private Source articleSource(String link) {
		Source source = this.dispatcher.sourceOf(link);
		if (NOT_ARTICLE_PAGES.contains(source)) {
			throw Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "Not an article page",
					"A " + source.routingKey() + " link is crawled as "
							+ ((source == Source.GITHUB) ? "a repository" : "a feed of posts")
							+ ", not extracted as an article page: " + link);
		}
		return source;
	}

	private static String normalized(String url) {
		if (LinkNormalizer.hasUserInfo(url)) {
			throw Problems.of(HttpStatus.BAD_REQUEST, "Invalid extract request",
					"'url' carries a user name or password (user:password@host), which are never sent or shown: "
							+ "give '%s' instead".formatted(LinkNormalizer.withoutUserInfo(url)));
		}
		return LinkNormalizer.normalize(url)
			.orElseThrow(() -> Problems.of(HttpStatus.BAD_REQUEST, "Invalid extract request",
					"'url' must be an absolute http or https URL with a valid host, not '%s'".formatted(url)));
	}

	private static double millisSince(long started) {
		return (System.nanoTime() - started) / 1e6;
	}

	private static double round(double millis) {
		return Math.round(millis * 100) / 100.0;
	}

}
