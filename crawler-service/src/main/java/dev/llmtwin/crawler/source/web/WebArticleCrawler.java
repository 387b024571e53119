package dev.llmtwin.crawler.source.web;

import java.time.Instant;

import org.jsoup.nodes.Document;

import org.springframework.stereotype.Component;

import dev.llmtwin.crawler.crawl.CrawlException;
import dev.llmtwin.crawler.crawl.CrawlResult;
import dev.llmtwin.crawler.crawl.CrawledDocument;
import dev.llmtwin.crawler.crawl.SourceCrawler;
import dev.llmtwin.crawler.fetch.PageFetcher;
import dev.llmtwin.crawler.store.RawDocumentStore;
import dev.llmtwin.model.ArticleDocument;
import dev.llmtwin.model.ContentHash;
import dev.llmtwin.model.CrawlCommand;
import dev.llmtwin.model.Ids;
import dev.llmtwin.model.Source;
import dev.llmtwin.model.UserDocument;

/** The generic article crawler: any blog or news page with an article on it. */
@Component
class WebArticleCrawler implements SourceCrawler {

	private final PageFetcher fetcher;

	private final ArticleExtractor extractor;

	private final RawDocumentStore store;

	WebArticleCrawler(PageFetcher fetcher, ArticleExtractor extractor, RawDocumentStore store) {
		this.fetcher = fetcher;
		this.extractor = extractor;
		this.store = store;
	}

	@Override
	public Source source() {
		return Source.WEB;
	}

	@Override
	public CrawlResult crawl(CrawlCommand command, UserDocument author) throws CrawlException {
		Document page = this.fetcher.fetch(command.link());
		ExtractedArticle article = this.extractor.extract(page);
		if (article.content().isEmpty()) {
			throw new CrawlException("no article text found on the page");
		}
		String id = Ids.documentId(command.link());
		ArticleDocument document = new ArticleDocument(id, Source.WEB.routingKey(), command.link(), article.title(),
				article.subtitle(), article.content(), command.authorId(),
				ContentHash.of(article.title(), article.subtitle(), article.content()), article.publishedAt(),
				Instant.now());
		// The author first, so that downstream never sees an article of an unknown
		// author.
		this.store.ensureUser(author);
		return CrawlResult.of(new CrawledDocument(id, this.store.saveArticle(document)));
	}

}
