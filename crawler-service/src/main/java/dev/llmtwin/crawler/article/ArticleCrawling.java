package dev.llmtwin.crawler.article;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.function.Predicate;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.llmtwin.crawler.browser.PageRenderer;
import dev.llmtwin.crawler.crawl.CrawlException;
import dev.llmtwin.crawler.crawl.CrawlFailure;
import dev.llmtwin.crawler.crawl.CrawlResult;
import dev.llmtwin.crawler.crawl.CrawlStep;
import dev.llmtwin.crawler.crawl.CrawledDocument;
import dev.llmtwin.crawler.extract.ArticleQuality;
import dev.llmtwin.crawler.extract.ExtractedArticle;
import dev.llmtwin.crawler.extract.PageExtractor.PageExtraction;
import dev.llmtwin.crawler.extract.PageExtractor;
import dev.llmtwin.crawler.extract.SiteRules;
import dev.llmtwin.crawler.fetch.PageFetcher;
import dev.llmtwin.crawler.store.RawDocumentStore;
import dev.llmtwin.crawler.worker.WorkerProperties.RenderMode;
import dev.llmtwin.crawler.worker.WorkerProperties;
import dev.llmtwin.model.ArticleDocument;
import dev.llmtwin.model.ContentHash;
import dev.llmtwin.model.CrawlCommand;
import dev.llmtwin.model.Ids;
import dev.llmtwin.model.Source;
import dev.llmtwin.model.UserDocument;

/**
 * Crawls article links for the Medium, Substack and web crawlers: loads the page
 * (fetched, or rendered in a browser as the source's {@code render} setting says),
 * applies the platform's site rules (the web crawler finds them by the page's markup),
 * and stores the article; a profile or archive, or a blog's index page with a feed
 * ({@link BlogFeeds}), expands into its articles, up to
 * {@code crawler.expand.max-articles}.
 */
@Component
public class ArticleCrawling {

	private static final Logger log = LoggerFactory.getLogger(ArticleCrawling.class);

	private final PageFetcher fetcher;

	private final ObjectProvider<PageRenderer> renderer;

	private final WorkerProperties workers;

	private final ExpandProperties expand;

	private final PageExtractor extractor;

	private final RawDocumentStore store;

	private final ArticleQuality quality;

	private final CrawlStageTimers timers;

	private final BlogFeeds blogs;

	private final LinkPipeline pipeline;

	ArticleCrawling(PageFetcher fetcher, ObjectProvider<PageRenderer> renderer, WorkerProperties workers,
			ExpandProperties expand, PageExtractor extractor, RawDocumentStore store, ArticleQuality quality,
			CrawlStageTimers timers, BlogFeeds blogs, LinkPipeline pipeline) {
		this.blogs = blogs;
		this.pipeline = pipeline;
		this.quality = quality;
		this.timers = timers;
		this.fetcher = fetcher;
		this.renderer = renderer;
		this.workers = workers;
		this.expand = expand;
		this.extractor = extractor;
		this.store = store;
	}

	/**
	 * @param rules the platform's rules, or null to recognise the platform by the page's
	 * markup and fall back to the generic extractor
	 */
	public CrawlResult crawl(Source source, CrawlCommand command, UserDocument author, SiteRules rules)
			throws CrawlException {
		if (rules != null && rules.isListing(URI.create(command.link()))) {
			return expand(source, command, author, rules, load(source, command.link(), hasLinks(rules)));
		}
		return stored(source, command, author, loadArticle(source, command.link(), rules), false).resultNow();
	}

	/**
	 * Crawls as {@link #crawl} does, with only the crawl's own work on the worker's lane:
	 * the page is fetched and an article written on virtual threads, so the lane extracts
	 * one page while the next is fetched and the last is written. Listings, blogs and
	 * pages always rendered in a browser run on the lane as a whole.
	 * @return the stored documents once written; fails with the {@link CrawlException} of
	 * a link that cannot be crawled, or with the write's failure
	 */
	public CompletableFuture<CrawlResult> crawlOn(Executor lane, Source source, CrawlCommand command,
			UserDocument author, SiteRules rules) {
		if ((rules != null && rules.isListing(URI.create(command.link())))
				|| this.workers.worker(source).render() == RenderMode.ALWAYS) {
			return CompletableFuture.supplyAsync(CrawlStep.unchecked(() -> crawl(source, command, author, rules)),
					lane);
		}
		return this.pipeline.inBackground(CrawlStep.unchecked(() -> fetch(source, command.link())))
			.thenComposeAsync((page) -> {
				try {
					return stored(source, command, author, extractFetched(source, command.link(), page, rules), true);
				}
				catch (CrawlException ex) {
					return CompletableFuture.failedFuture(ex);
				}
			}, lane);
	}

	/**
	 * What an extraction found, stored: a listing or a blog's index expanded into its
	 * articles, or the article itself, written in the background when asked.
	 */
	private CompletableFuture<CrawlResult> stored(Source source, CrawlCommand command, UserDocument author,
			PageExtraction extraction, boolean writeBehind) throws CrawlException {
		if (extraction.isListing()) {
			return CompletableFuture
				.completedFuture(expand(source, command, author, extraction.rules(), extraction.page()));
		}
		if (extraction.rules() == null) {
			Optional<List<String>> posts = this.blogs.posts(extraction.page(), this.expand.maxArticles());
			if (posts.isPresent()) {
				return CompletableFuture.completedFuture(crawlAll(source, command, author, null, posts.get()));
			}
		}
		ArticleDocument article = article(command.link(), command.authorId(), source, extraction);
		// The author first, so that downstream never sees an article of an unknown
		// author.
		this.store.ensureUser(author);
		Supplier<CrawlResult> write = () -> CrawlResult.of(new CrawledDocument(article.id(), store(source, article)));
		return writeBehind ? this.pipeline.inBackground(write) : CompletableFuture.completedFuture(write.get());
	}

	/**
	 * The article a crawl of the link would store, loaded and extracted the same way,
	 * without storing it; a listing page comes back without an article.
	 */
	public PageExtraction preview(Source source, String link) throws CrawlException {
		SiteRules rules = this.extractor.rulesFor(source);
		if (rules != null && rules.isListing(URI.create(link))) {
			return new PageExtraction(load(source, link, hasLinks(rules)), rules, null, Duration.ZERO);
		}
		return loadArticle(source, link, rules);
	}

	private CrawlResult expand(Source source, CrawlCommand command, UserDocument author, SiteRules rules,
			Document listing) throws CrawlException {
		return crawlAll(source, command, author, rules, listedLinks(rules, listing));
	}

	/**
	 * The articles a listing or a blog's feed lists, up to the limit, each on its own;
	 * their pages fetched ahead of extraction and their articles stored behind it.
	 */
	private CrawlResult crawlAll(Source source, CrawlCommand command, UserDocument author, SiteRules rules,
			List<String> listed) throws CrawlException {
		List<String> links = listed;
		if (links.isEmpty()) {
			throw new CrawlException(CrawlFailure.NO_ARTICLE, "the page lists no articles: " + command.link());
		}
		links = links.subList(0, Math.min(links.size(), this.expand.maxArticles()));
		this.store.ensureUser(author);
		boolean fetched = this.workers.worker(source).render() != RenderMode.ALWAYS;
		List<String> failures = new ArrayList<>();
		List<CrawledDocument> documents = this.pipeline.run(links, this.expand.fetchAhead(),
				(link) -> fetched ? fetch(source, link) : null,
				(link, page) -> article(link, command.authorId(), source,
						fetched ? extractFetched(source, link, page, rules) : loadArticle(source, link, rules)),
				(article) -> new CrawledDocument(article.id(), store(source, article)), (link, ex) -> {
					log.info("Article {} of {} not crawled: {}", link, command.link(), ex.getMessage());
					failures.add(link + ": " + ex.getMessage());
				});
		if (documents.isEmpty()) {
			throw new CrawlException(CrawlFailure.NO_ARTICLE,
					"none of the " + links.size() + " articles listed could be crawled; first: " + failures.get(0));
		}
		log.info("Expanded {} into {} articles ({} failed)", command.link(), documents.size(), failures.size());
		return new CrawlResult(documents);
	}

	/**
	 * The listing's article links in page order, topped up from the platform's JSON
	 * listing when the page shows fewer than the limit.
	 */
	private List<String> listedLinks(SiteRules rules, Document listing) {
		Set<String> links = new LinkedHashSet<>(rules.articleLinks(listing));
		Optional<String> feed = rules.articleFeed(listing, this.expand.maxArticles());
		if (links.size() < this.expand.maxArticles() && feed.isPresent()) {
			try {
				links.addAll(rules.articleLinks(this.fetcher.fetchJson(feed.get()), listing));
			}
			catch (CrawlException ex) {
				log.info("No more articles from {}: {}", feed.get(), ex.getMessage());
			}
		}
		return List.copyOf(links);
	}

	/** The article to store, once it passed the quality checks. */
	private ArticleDocument article(String link, String authorId, Source source, PageExtraction extraction)
			throws CrawlException {
		ExtractedArticle article = extraction.article();
		if (!article.hasContent()) {
			throw new CrawlException(CrawlFailure.NO_ARTICLE, "no article text found on the page " + link);
		}
		this.quality.check(article);
		Source platform = (extraction.rules() != null) ? extraction.rules().platform() : source;
		return new ArticleDocument(Ids.documentId(link), platform.routingKey(), link, article.title(),
				article.subtitle(), article.author(), article.content(), authorId,
				ContentHash.of(article.title(), article.subtitle(), article.content()), article.publishedAt(),
				Instant.now());
	}

	/**
	 * @return whether it was written
	 */
	private boolean store(Source source, ArticleDocument article) {
		return this.timers.time("store", source, () -> this.store.saveArticle(article));
	}

	/**
	 * Loads and extracts an article page, rendered in a browser as the source's setting
	 * says. Without given rules, the platform is recognised by the page's markup; a
	 * recognised platform's listing page (a custom-domain archive) is not extracted.
	 */
	private PageExtraction loadArticle(Source source, String link, SiteRules given) throws CrawlException {
		if (this.workers.worker(source).render() == RenderMode.ALWAYS) {
			return extract(source, render(source, link, everyPage(source)), given);
		}
		return extractFetched(source, link, fetch(source, link), given);
	}

	/**
	 * Extracts a fetched page; one whose HTML holds no article text is rendered, when the
	 * source's setting allows.
	 */
	private PageExtraction extractFetched(Source source, String link, Document page, SiteRules given)
			throws CrawlException {
		PageExtraction fetched = extract(source, page, given);
		if (this.workers.worker(source).render() == RenderMode.NEVER || fetched.isListing()
				|| fetched.article().hasContent()) {
			return fetched;
		}
		return extract(source, render(source, link, "the page's HTML holds no article text"), given);
	}

	private Document fetch(Source source, String link) throws CrawlException {
		return this.timers.time("fetch", source, () -> this.fetcher.fetch(link));
	}

	private PageExtraction extract(Source source, Document page, SiteRules given) throws CrawlException {
		return this.timers.time("extract", source, () -> this.extractor.extract(page, given));
	}

	private static String everyPage(Source source) {
		return "the " + source.routingKey() + " crawler renders every page";
	}

	private static Predicate<Document> hasLinks(SiteRules rules) {
		return (page) -> !rules.articleLinks(page).isEmpty() || rules.articleFeed(page, 1).isPresent();
	}

	/**
	 * The listing page as the source's render setting says: fetched; rendered in a
	 * browser when the fetched page is not enough (fallback) or always.
	 */
	private Document load(Source source, String link, Predicate<Document> enough) throws CrawlException {
		RenderMode mode = this.workers.worker(source).render();
		if (mode == RenderMode.ALWAYS) {
			return render(source, link, everyPage(source));
		}
		Document page = fetch(source, link);
		if (mode == RenderMode.NEVER || enough.test(page)) {
			return page;
		}
		return render(source, link, "the page's HTML lists no articles");
	}

	private Document render(Source source, String link, String why) throws CrawlException {
		return this.timers.time("render", source, () -> renderPage(link, why));
	}

	private Document renderPage(String link, String why) throws CrawlException {
		PageRenderer browser = this.renderer.getIfAvailable();
		if (browser == null) {
			throw new CrawlException(CrawlFailure.NO_ARTICLE,
					why + " and no browser is available to render its JavaScript: " + link);
		}
		this.fetcher.checkAllowed(link);
		PageRenderer.RenderedPage rendered = browser.render(URI.create(link));
		return Jsoup.parse(rendered.html(), rendered.finalUrl().toString());
	}

}
