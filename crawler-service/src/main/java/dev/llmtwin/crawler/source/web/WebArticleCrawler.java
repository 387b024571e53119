package dev.llmtwin.crawler.source.web;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.springframework.stereotype.Component;

import dev.llmtwin.crawler.article.ArticleCrawling;
import dev.llmtwin.crawler.crawl.CrawlException;
import dev.llmtwin.crawler.crawl.CrawlResult;
import dev.llmtwin.crawler.crawl.SourceCrawler;
import dev.llmtwin.model.CrawlCommand;
import dev.llmtwin.model.Source;
import dev.llmtwin.model.UserDocument;

/**
 * The generic article crawler: any blog or news page with an article on it. Medium
 * publications and Substack newsletters on their own domains are recognised by their
 * markup and get their platform's rules.
 */
@Component
class WebArticleCrawler implements SourceCrawler {

	private final ArticleCrawling crawling;

	WebArticleCrawler(ArticleCrawling crawling) {
		this.crawling = crawling;
	}

	@Override
	public Source source() {
		return Source.WEB;
	}

	@Override
	public CrawlResult crawl(CrawlCommand command, UserDocument author) throws CrawlException {
		return this.crawling.crawl(Source.WEB, command, author, null);
	}

	@Override
	public CompletableFuture<CrawlResult> crawlOn(Executor lane, CrawlCommand command, UserDocument author) {
		return this.crawling.crawlOn(lane, Source.WEB, command, author, null);
	}

}
