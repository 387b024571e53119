package dev.llmtwin.crawler.article;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

import dev.llmtwin.crawler.browser.PageRenderer;
import dev.llmtwin.crawler.crawl.CrawlException;
import dev.llmtwin.crawler.crawl.CrawlResult;
import dev.llmtwin.crawler.crawl.CrawledDocument;
import dev.llmtwin.crawler.crawl.SourceCrawler;
import dev.llmtwin.crawler.source.medium.MediumRules;
import dev.llmtwin.crawler.source.substack.SubstackRules;
import dev.llmtwin.embedded.EmbeddedMongoServer;
import dev.llmtwin.model.CrawlCommand;
import dev.llmtwin.model.Ids;
import dev.llmtwin.model.RawCollections;
import dev.llmtwin.model.Source;
import dev.llmtwin.model.UserDocument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Medium, Substack and web crawlers against pages that reproduce the real sites'
 * markup, served on 127.0.0.1, storing into an embedded MongoDB.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SiteCrawlersTest {

	private static final UserDocument AUTHOR = new UserDocument(Ids.authorId("Jane", "Doe"), "Jane", "Doe", Map.of());

	private final AtomicInteger rendered = new AtomicInteger();

	private final InFlight postsInFlight = new InFlight();

	private EmbeddedMongoServer mongo;

	private HttpServer site;

	private String siteUrl;

	@BeforeAll
	void start() throws IOException {
		this.mongo = EmbeddedMongoServer.inMemory();
		this.site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.site.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.site.createContext("/@jane.doe", (exchange) -> {
			boolean profile = exchange.getRequestURI().getPath().matches("/@jane\\.doe/?");
			html(exchange, profile ? "sites/medium-profile.html" : "sites/medium-article.html");
		});
		this.site.createContext("/engineering/", (exchange) -> html(exchange, "sites/medium-custom-domain.html"));
		this.site.createContext("/p/", (exchange) -> html(exchange, "sites/substack-post.html"));
		this.site.createContext("/api/v1/archive", (exchange) -> {
			byte[] body = """
					[{"id":3,"slug":"on-chunking","canonical_url":"https://janesnotes.substack.com/p/on-chunking"},
					 {"id":2,"slug":"third-post","canonical_url":"https://janesnotes.substack.com/p/third-post"},
					 {"id":1,"slug":"../../admin"}]""".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
			exchange.sendResponseHeaders(200, body.length);
			try (exchange) {
				exchange.getResponseBody().write(body);
			}
		});
		this.site.createContext("/archive", (exchange) -> html(exchange, "sites/substack-archive.html"));
		this.site.createContext("/blog/", (exchange) -> html(exchange, "pages/blog-article.html"));
		this.site.createContext("/app/", (exchange) -> html(exchange, "sites/js-shell.html"));
		this.site.createContext("/writing/", (exchange) -> {
			String path = exchange.getRequestURI().getPath();
			String base = "http://" + exchange.getRequestHeaders().getFirst("Host");
			switch (path) {
				case "/writing/" -> send(exchange, "text/html", blogIndex("/writing/feed.xml", "application/rss+xml"));
				case "/writing/feed.xml" -> send(exchange, "application/rss+xml", """
						<?xml version="1.0" encoding="UTF-8"?>
						<rss version="2.0"><channel><title>Jane writes</title><link>%1$s/writing/</link>
						<item><title>One</title><link>%1$s/writing/2026/one</link></item>
						<item><title>Elsewhere</title><link>https://elsewhere.example/copied</link></item>
						<item><title>Two</title><link>/writing/2026/two</link></item>
						<item><title>Three</title><link>%1$s/writing/2026/three</link></item>
						</channel></rss>""".formatted(base));
				default -> html(exchange, "pages/blog-article.html");
			}
		});
		this.site.createContext("/author/", (exchange) -> {
			String base = "http://" + exchange.getRequestHeaders().getFirst("Host");
			if (exchange.getRequestURI().getPath().endsWith("atom.xml")) {
				send(exchange, "application/atom+xml", """
						<?xml version="1.0" encoding="UTF-8"?>
						<feed xmlns="http://www.w3.org/2005/Atom"><title>Jane</title><id>urn:jane</id>
						<updated>2026-11-01T00:00:00Z</updated>
						<entry><title>A</title><id>urn:a</id><updated>2026-11-01T00:00:00Z</updated>
						<link href="%1$s/writing/2026/atom-a"/></entry>
						<entry><title>B</title><id>urn:b</id><updated>2026-10-01T00:00:00Z</updated>
						<link href="%1$s/writing/2026/atom-b"/></entry></feed>""".formatted(base));
				return;
			}
			send(exchange, "text/html", blogIndex("/author/jane/atom.xml", "application/atom+xml"));
		});
		this.site.createContext("/series/", (exchange) -> {
			String path = exchange.getRequestURI().getPath();
			if (path.equals("/series/together/")) {
				send(exchange, "text/html", blogIndex("/series/together/feed.xml", "application/rss+xml"));
				return;
			}
			if (path.endsWith("feed.xml")) {
				send(exchange, "application/rss+xml", """
						<?xml version="1.0" encoding="UTF-8"?>
						<rss version="2.0"><channel><title>Together</title>
						<item><title>One</title><link>/series/together/one</link></item>
						<item><title>Two</title><link>/series/together/two</link></item>
						</channel></rss>""");
				return;
			}
			// A post is answered once another is asked for too, or after five seconds.
			this.postsInFlight.mostInFlight.accumulateAndGet(this.postsInFlight.now.incrementAndGet(), Math::max);
			try {
				long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
				while (this.postsInFlight.mostInFlight.get() < 2 && System.nanoTime() < giveUp) {
					Thread.sleep(5);
				}
				html(exchange, "pages/blog-article.html");
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				this.postsInFlight.now.decrementAndGet();
			}
		});
		this.site.createContext("/tag/", (exchange) -> {
			if (exchange.getRequestURI().getPath().endsWith("feed.xml")) {
				send(exchange, "application/rss+xml", """
						<?xml version="1.0"?>
						<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
						<rss version="2.0"><channel><title>&secret;</title>
						<item><title>&secret;</title><link>/writing/2026/leak</link></item></channel></rss>""");
				return;
			}
			send(exchange, "text/html", blogIndex("/tag/evil/feed.xml", "application/rss+xml"));
		});
		this.site.createContext("/", (exchange) -> {
			if (exchange.getRequestURI().getPath().equals("/")) {
				html(exchange, "sites/substack-archive.html");
				return;
			}
			byte[] body = "<html><body>Not found</body></html>".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(404, body.length);
			try (exchange) {
				exchange.getResponseBody().write(body);
			}
		});
		this.site.start();
		this.siteUrl = "http://127.0.0.1:" + this.site.getAddress().getPort();
	}

	@AfterAll
	void stop() {
		this.site.stop(0);
		this.mongo.close();
	}

	private ApplicationContextRunner crawlers() {
		return new ApplicationContextRunner().withUserConfiguration(Crawlers.class)
			.withBean(MongoClient.class, () -> MongoClients.create(this.mongo.connectionString()))
			.withPropertyValues("crawler.fetch.allowed-hosts=127.0.0.1", "crawler.fetch.host-requests-per-second=1000",
					"crawler.expand.max-articles=2");
	}

	@Test
	void mediumStoryGivesItsOwnTitleSubtitleAuthorDateAndBody() {
		crawlers().run((context) -> {
			String link = this.siteUrl + "/@jane.doe/chunking-text-for-retrieval-1a2b3c4d5e6f";
			CrawlResult result = crawler(context, Source.MEDIUM).crawl(command(link, Source.MEDIUM), AUTHOR);

			Document stored = stored(context, result.primaryDocumentId());
			assertThat(stored.getString("platform")).isEqualTo("medium");
			assertThat(stored.getString("title")).isEqualTo("Chunking Text for Retrieval");
			assertThat(stored.getString("subtitle"))
				.isEqualTo("Token windows, overlap and why sentence boundaries matter");
			assertThat(stored.getString("byline")).isEqualTo("Jane Doe");
			assertThat(stored.getDate("publishedAt").toInstant()).isEqualTo(Instant.parse("2024-05-02T09:15:11.402Z"));
			assertThat(stored.getString("content"))
				.containsSubsequence("Photo by someone on Unsplash", "Retrieval quality starts long before",
						"A chunk that ends in the middle", "## Token windows", "Count tokens, not characters",
						"- Use the tokenizer of the embedding model.", "- Leave room for a title prefix.",
						"chunks = splitter.split(text, 256, 32)", "## Overlap", "Overlap is insurance",
						"Thirty-two tokens of overlap")
				.doesNotContain("Chunking Text for Retrieval", "Jane Doe", "min read", "Follow", "Listen", "Share",
						"1.2K", "Written by", "Responses", "Great post", "More from", "Recommended", "Sign up",
						"Privacy", "Rag");
			assertThat(new MediumRules().extract(org.jsoup.Jsoup.parse(resource("sites/medium-article.html"), link))
				.author()).isEqualTo("Jane Doe");
		});
	}

	@Test
	void mediumProfileExpandsIntoTheWritersOwnStoriesUpToTheLimit() {
		crawlers().run((context) -> {
			CrawlResult result = crawler(context, Source.MEDIUM)
				.crawl(command(this.siteUrl + "/@jane.doe?source=user_profile", Source.MEDIUM), AUTHOR);

			assertThat(result.documents()).extracting(CrawledDocument::documentId)
				.containsExactly(Ids.documentId(this.siteUrl + "/@jane.doe/chunking-text-for-retrieval-1a2b3c4d5e6f"),
						Ids.documentId(this.siteUrl + "/@jane.doe/vector-stores-compared-9f8e7d6c5b4a"));
			assertThat(stored(context, result.documents().get(1).documentId()).getString("link"))
				.isEqualTo(this.siteUrl + "/@jane.doe/vector-stores-compared-9f8e7d6c5b4a");
			assertThat(
					context.getBean(MediumRules.class)
						.articleLinks(org.jsoup.Jsoup.parse(resource("sites/medium-profile.html"),
								this.siteUrl + "/@jane.doe")))
				.containsExactly(this.siteUrl + "/@jane.doe/chunking-text-for-retrieval-1a2b3c4d5e6f",
						this.siteUrl + "/@jane.doe/vector-stores-compared-9f8e7d6c5b4a",
						this.siteUrl + "/data-engineering/cdc-for-search-0f1e2d3c4b5a");
		});
	}

	@Test
	void webCrawlerRecognisesAMediumPublicationOnItsOwnDomain() {
		crawlers().run((context) -> {
			String link = this.siteUrl + "/engineering/scaling-search-at-acme-5e6f7a8b9c0d";
			CrawlResult result = crawler(context, Source.WEB).crawl(command(link, Source.WEB), AUTHOR);

			Document stored = stored(context, result.primaryDocumentId());
			assertThat(stored.getString("platform")).isEqualTo("medium");
			assertThat(stored.getString("title")).isEqualTo("Scaling Search at Acme");
			assertThat(stored.getString("subtitle")).isEqualTo("From one Elasticsearch node to a sharded cluster");
			assertThat(stored.getDate("publishedAt").toInstant()).isEqualTo(Instant.parse("2023-11-20T16:45:00Z"));
			assertThat(stored.getString("content"))
				.containsSubsequence("Two years ago", "### The first shard split", "- Measure query load per tenant.",
						"Today the cluster serves")
				.doesNotContain("John Roe", "Written by", "Kafka at Acme", "Published in", "Infrastructure", "Terms");
		});
	}

	@Test
	void substackPostLeavesOutWidgetsButtonsAndComments() {
		crawlers().run((context) -> {
			String link = this.siteUrl + "/p/on-chunking";
			CrawlResult result = crawler(context, Source.SUBSTACK).crawl(command(link, Source.SUBSTACK), AUTHOR);

			Document stored = stored(context, result.primaryDocumentId());
			assertThat(stored.getString("platform")).isEqualTo("substack");
			assertThat(stored.getString("title")).isEqualTo("On Chunking");
			assertThat(stored.getString("subtitle"))
				.isEqualTo("What a year of retrieval experiments taught me about splitting text");
			assertThat(stored.getDate("publishedAt").toInstant()).isEqualTo(Instant.parse("2024-06-11T13:02:44Z"));
			assertThat(stored.getString("content"))
				.containsSubsequence("Every retrieval pipeline", "## Start from the model",
						"The embedding model decides the window", "Recall by chunk size on my evaluation set.",
						"## Sentences are the unit", "- Split on sentence boundaries first.", "That simple rule beat")
				.doesNotContain("Subscribe", "Thanks for reading", "Restack", "Expand", "Share", "Like", "Discussion",
						"Great write-up", "Substack is the home", "Sign in", "Jun 11");
			SubstackRules rules = context.getBean(SubstackRules.class);
			assertThat(rules.extract(org.jsoup.Jsoup.parse(resource("sites/substack-post.html"), link)).author())
				.isEqualTo("Jane Doe");
		});
	}

	@Test
	void substackArchiveAndACustomDomainRootExpandIntoTheirPosts() {
		crawlers().run((context) -> {
			CrawlResult archive = crawler(context, Source.SUBSTACK)
				.crawl(command(this.siteUrl + "/archive", Source.SUBSTACK), AUTHOR);
			CrawlResult root = crawler(context, Source.WEB).crawl(command(this.siteUrl + "/", Source.WEB), AUTHOR);

			List<String> expected = List.of(Ids.documentId(this.siteUrl + "/p/on-chunking"),
					Ids.documentId(this.siteUrl + "/p/evaluating-retrieval"));
			assertThat(archive.documents()).extracting(CrawledDocument::documentId).containsExactlyElementsOf(expected);
			assertThat(root.documents()).extracting(CrawledDocument::documentId).containsExactlyElementsOf(expected);
			assertThat(root.changed()).as("the archive stored them already").isFalse();
			assertThat(stored(context, expected.get(1)).getString("platform")).isEqualTo("substack");
		});
	}

	@Test
	void substackArchiveIsToppedUpFromTheArchiveApiUpToTheLimit() {
		crawlers().withPropertyValues("crawler.expand.max-articles=3").run((context) -> {
			CrawlResult archive = crawler(context, Source.SUBSTACK)
				.crawl(command(this.siteUrl + "/archive", Source.SUBSTACK), AUTHOR);

			assertThat(archive.documents()).extracting(CrawledDocument::documentId)
				.containsExactly(Ids.documentId(this.siteUrl + "/p/on-chunking"),
						Ids.documentId(this.siteUrl + "/p/evaluating-retrieval"),
						Ids.documentId(this.siteUrl + "/p/third-post"));
		});
	}

	@Test
	void aBlogsIndexExpandsIntoThePostsItsRssFeedListsOnItsOwnHostUpToTheLimit() {
		crawlers().run((context) -> {
			CrawlResult result = crawler(context, Source.WEB).crawl(command(this.siteUrl + "/writing/", Source.WEB),
					AUTHOR);

			assertThat(result.documents())
				.extracting((document) -> stored(context, document.documentId()).getString("link"))
				.containsExactly(this.siteUrl + "/writing/2026/one", this.siteUrl + "/writing/2026/two");
		});
	}

	@Test
	void anAuthorPageExpandsThroughItsAtomFeedAndAPostStaysAnArticle() {
		crawlers().run((context) -> {
			CrawlResult author = crawler(context, Source.WEB).crawl(command(this.siteUrl + "/author/jane/", Source.WEB),
					AUTHOR);
			assertThat(author.documents())
				.extracting((document) -> stored(context, document.documentId()).getString("link"))
				.containsExactly(this.siteUrl + "/writing/2026/atom-a", this.siteUrl + "/writing/2026/atom-b");

			CrawlResult post = crawler(context, Source.WEB)
				.crawl(command(this.siteUrl + "/writing/2026/one", Source.WEB), AUTHOR);
			assertThat(post.documents()).singleElement()
				.satisfies((document) -> assertThat(stored(context, document.documentId()).getString("link"))
					.isEqualTo(this.siteUrl + "/writing/2026/one"));
		});
	}

	@Test
	void aBlogsPostsAreFetchedWhileTheWorkerExtractsTheOnesBefore() {
		crawlers().run((context) -> {
			CrawlResult result = crawler(context, Source.WEB)
				.crawl(command(this.siteUrl + "/series/together/", Source.WEB), AUTHOR);

			assertThat(result.documents()).hasSize(2);
			assertThat(this.postsInFlight.mostInFlight).hasValue(2);
		});
	}

	/** ROME refuses the document type declaration: no entity is read, nothing expands. */
	@Test
	void aFeedDeclaringEntitiesIsRefusedAndTheIndexIsCrawledAsAPage() {
		crawlers().run((context) -> {
			CrawlResult result = crawler(context, Source.WEB).crawl(command(this.siteUrl + "/tag/evil/", Source.WEB),
					AUTHOR);

			assertThat(result.documents()).singleElement()
				.satisfies((document) -> assertThat(stored(context, document.documentId()).getString("content"))
					.contains("Notes on data pipelines")
					.doesNotContain("root:"));
		});
	}

	@Test
	void genericBlogUsesReadabilityAndThePageMetadata() {
		crawlers().run((context) -> {
			String link = this.siteUrl + "/blog/streaming";
			CrawlResult result = crawler(context, Source.WEB).crawl(command(link, Source.WEB), AUTHOR);

			Document stored = stored(context, result.primaryDocumentId());
			assertThat(stored.getString("platform")).isEqualTo("web");
			assertThat(stored.getString("title")).isEqualTo("Streaming Change Data Into a Vector Store");
			assertThat(stored.getString("content")).contains("## Why change streams").doesNotContain("Popular posts");
		});
	}

	@Test
	void aPageThatNeedsJavaScriptIsRenderedWhenTheFetchedHtmlHoldsNoArticle() {
		crawlers().withBean(PageRenderer.class, () -> (url) -> {
			this.rendered.incrementAndGet();
			return new PageRenderer.RenderedPage(url, """
					<html><head><title>Rendered</title></head><body><article><h1>Rendered story</h1>
					<p>Only visible after the script ran, long enough to count as the text of an article.</p>
					</article></body></html>""");
		}).run((context) -> {
			int before = this.rendered.get();
			CrawlResult result = crawler(context, Source.WEB).crawl(command(this.siteUrl + "/app/story", Source.WEB),
					AUTHOR);

			assertThat(this.rendered.get()).isEqualTo(before + 1);
			assertThat(stored(context, result.primaryDocumentId()).getString("content"))
				.contains("Only visible after the script ran");
		});
	}

	@Test
	void withoutABrowserOrWithRenderingOffAScriptPageFailsWithAClearReason() {
		crawlers().run((context) -> assertThatExceptionOfType(CrawlException.class)
			.isThrownBy(() -> crawler(context, Source.WEB).crawl(command(this.siteUrl + "/app/x", Source.WEB), AUTHOR))
			.withMessageContaining("no article text")
			.withMessageContaining("no browser is available"));
		crawlers().withPropertyValues("crawler.workers.web.render=never")
			.run((context) -> assertThatExceptionOfType(CrawlException.class)
				.isThrownBy(
						() -> crawler(context, Source.WEB).crawl(command(this.siteUrl + "/app/y", Source.WEB), AUTHOR))
				.withMessageContaining("no article text found on the page"));
	}

	private static SourceCrawler crawler(AssertableApplicationContext context, Source source) {
		return context.getBeansOfType(SourceCrawler.class)
			.values()
			.stream()
			.filter((crawler) -> crawler.source() == source)
			.findFirst()
			.orElseThrow();
	}

	private static CrawlCommand command(String link, Source source) {
		String normalized = dev.llmtwin.crawler.link.LinkNormalizer.normalize(link).orElseThrow();
		return new CrawlCommand("job-1", 0, normalized, source, AUTHOR.id());
	}

	private static Document stored(AssertableApplicationContext context, String id) {
		Document document = context.getBean(MongoTemplate.class).findById(id, Document.class, RawCollections.ARTICLES);
		assertThat(document).as("stored article %s", id).isNotNull();
		return document;
	}

	private static String resource(String name) {
		try (InputStream in = SiteCrawlersTest.class.getResourceAsStream("/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A blog's index page: a few words, links to its posts, and its feed. */
	private static String blogIndex(String feed, String type) {
		return """
				<html><head><title>Jane writes</title><link rel="alternate" type="%s" href="%s"></head>
				<body><h1>Jane writes</h1><p>Notes on data pipelines, change streams, vector stores and the small
				decisions that keep them honest over the years of running them in production.</p>
				<ul><li><a href="/writing/2026/one">One</a></li><li><a href="/writing/2026/two">Two</a></li></ul>
				</body></html>""".formatted(type, feed);
	}

	private static void send(HttpExchange exchange, String type, String text) throws IOException {
		byte[] body = text.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
		exchange.sendResponseHeaders(200, body.length);
		try (exchange) {
			exchange.getResponseBody().write(body);
		}
	}

	private static void html(HttpExchange exchange, String name) throws IOException {
		byte[] body = resource(name).getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
		exchange.sendResponseHeaders(200, body.length);
		try (exchange) {
			exchange.getResponseBody().write(body);
		}
	}

	/** Requests being answered now, and the most at once. */
	private record InFlight(AtomicInteger now, AtomicInteger mostInFlight) {

		InFlight() {
			this(new AtomicInteger(), new AtomicInteger());
		}

	}

	/** The crawlers and what they use, without the API and the broker. */
	@Configuration(proxyBeanMethods = false)
	@ComponentScan({ "dev.llmtwin.crawler.fetch", "dev.llmtwin.crawler.extract", "dev.llmtwin.crawler.article",
			"dev.llmtwin.crawler.store", "dev.llmtwin.crawler.source.web", "dev.llmtwin.crawler.source.medium",
			"dev.llmtwin.crawler.source.substack" })
	@ConfigurationPropertiesScan({ "dev.llmtwin.crawler.fetch", "dev.llmtwin.crawler.extract",
			"dev.llmtwin.crawler.article", "dev.llmtwin.crawler.worker" })
	static class Crawlers {

		@Bean
		MongoTemplate mongoTemplate(MongoClient client) {
			return new MongoTemplate(client, RawCollections.DATABASE);
		}

	}

}
