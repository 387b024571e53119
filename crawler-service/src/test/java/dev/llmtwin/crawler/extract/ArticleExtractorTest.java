package dev.llmtwin.crawler.extract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ArticleExtractorTest {

	private final ArticleExtractor extractor = new ArticleExtractor();

	@Test
	void blogArticleGivesTitleSubtitleAndDateFromTheMetadata() throws IOException {
		ExtractedArticle article = this.extractor.extract(page("blog-article.html"));

		assertThat(article.title()).isEqualTo("Streaming Change Data Into a Vector Store");
		assertThat(article.subtitle()).isEqualTo("How a change stream keeps embeddings fresh without batch jobs.");
		assertThat(article.publishedAt()).isEqualTo(Instant.parse("2024-03-18T08:30:00Z"));
	}

	@Test
	void blogArticleContentKeepsHeadingsAndParagraphsInOrder() throws IOException {
		String content = this.extractor.extract(page("blog-article.html")).content();

		assertThat(content).containsSubsequence("Retrieval-augmented generation is only as good",
				"This post walks through a different design", "## Why change streams",
				"A change stream is an ordered, resumable feed", "## Idempotent consumers",
				"- Derive point ids from the document id and the chunk index.",
				"- Delete every chunk when the document is deleted.", "### Ordering per document",
				"if (event.clusterTime() <= lastApplied(event.documentId())) {",
				"With these three rules the vector store converges");
		assertThat(content).contains("operational database, the usual answer is a nightly batch job")
			.contains("\n\n## Why change streams\n\nA change stream is an ordered");
	}

	@Test
	void blogArticleContentLeavesOutNavigationSidebarFooterAndComments() throws IOException {
		String content = this.extractor.extract(page("blog-article.html")).content();

		assertThat(content).doesNotContain("Archive of every post", "Subscribe to the newsletter", "Popular posts",
				"HNSW explained", "unsubscribe any time", "All rights reserved", "Privacy policy", "Debezium",
				"logical replication", "Leave a reply", "3 Comments", "dataLayer");
	}

	@Test
	void whenTheBaseAlgorithmThrowsTheArticleElementWithoutItsChromeStandsIn() throws IOException {
		ArticleExtractor failingBase = new ArticleExtractor((page) -> {
			throw new IllegalStateException("as Readability4J does on some real pages");
		});

		ExtractedArticle article = failingBase.extract(page("blog-article.html"));

		assertThat(article.extractor()).isEqualTo(ArticleExtractor.ARTICLE_ELEMENT);
		assertThat(article.title()).isEqualTo("Streaming Change Data Into a Vector Store");
		String content = article.content();

		assertThat(content).containsSubsequence("Retrieval-augmented generation is only as good",
				"## Why change streams", "- Remove stale chunks when a document gets shorter.",
				"With these three rules");
		assertThat(content).doesNotContain("Archive of every post", "Popular posts", "All rights reserved",
				"Share this post", "Debezium", "Leave a reply");
	}

	@Test
	void aPageWrappedInAFormKeepsItsTextWhileASmallFormIsLeftOut() {
		// As ASP.NET WebForms pages are: one form around the whole page.
		Document page = Jsoup.parse("<html><head><title>Council votes</title></head><body>"
				+ "<form id=\"aspnetForm\" method=\"post\"><div id=\"page\">"
				+ "<div class=\"story\"><h1>Council votes on the new bridge</h1>"
				+ "<p>The council voted on Tuesday to build the new bridge over the river. </p>".repeat(12)
				+ "<p>Residents had asked for a crossing for more than a decade, the mayor said. </p>".repeat(8)
				+ "</div></div></form><form class=\"poll\"><p>Do you agree?</p><input type=\"radio\"></form>"
				+ "</body></html>", "https://city.example/news/bridge");

		// Without Readability's pick, the page's body stands in, form and all.
		ArticleExtractor withoutBase = new ArticleExtractor((document) -> null);
		String content = withoutBase.extract(page).content();

		assertThat(content).contains("The council voted on Tuesday to build the new bridge over the river.")
			.contains("Residents had asked for a crossing")
			.doesNotContain("Do you agree?");
	}

	@Test
	void titleFallsBackToTheFirstHeadingWithoutOpenGraphData() throws IOException {
		ExtractedArticle article = this.extractor.extract(page("plain-page.html"));

		assertThat(article.title()).isEqualTo("Notes on testing");
		assertThat(article.subtitle()).isNull();
		assertThat(article.publishedAt()).isNull();
		assertThat(article.content()).contains("Short page.").doesNotContain("Contact us", "Footer text");
	}

	@Test
	void titleFallsBackToTheTitleElementAndDateToTheTimeElement() {
		Document page = Jsoup.parse("""
				<html><head><title>Only a title</title></head>
				<body><div><p>Some text of a page without headings.</p>
				<p>Posted <time datetime="2023-11-02">November 2</time></p></div></body></html>""",
				"https://example.com/only");

		ExtractedArticle article = this.extractor.extract(page);

		assertThat(article.title()).isEqualTo("Only a title");
		assertThat(article.publishedAt()).isEqualTo(Instant.parse("2023-11-02T00:00:00Z"));
		assertThat(article.content()).contains("Some text of a page without headings.");
	}

	@Test
	void unparsableDateIsLeftOut() {
		Document page = Jsoup.parse("""
				<html><head><meta property="article:published_time" content="last Tuesday"></head>
				<body><p>Text.</p></body></html>""", "https://example.com/undated");

		assertThat(this.extractor.extract(page).publishedAt()).isNull();
	}

	private static Document page(String name) throws IOException {
		try (InputStream html = ArticleExtractorTest.class.getResourceAsStream("/pages/" + name)) {
			return Jsoup.parse(html, StandardCharsets.UTF_8.name(), "https://blog.example.com/posts/" + name);
		}
	}

}
