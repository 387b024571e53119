package dev.llmtwin.crawler.article;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import dev.llmtwin.crawler.crawl.CrawlException;
import dev.llmtwin.crawler.crawl.CrawlResult;
import dev.llmtwin.crawler.crawl.SourceCrawler;
import dev.llmtwin.crawler.extract.SiteRules;
import dev.llmtwin.model.CrawlCommand;
import dev.llmtwin.model.Source;
import dev.llmtwin.model.UserDocument;

/**
 * The articles of a platform with site rules (Medium, Substack): one article, or a
 * profile or archive expanded into its articles.
 */
public class SiteArticleCrawler implements SourceCrawler {

	private final ArticleCrawling crawling;

	private final SiteRules rules;

	public SiteArticleCrawler(ArticleCrawling crawling, SiteRules rules) {
		this.crawling = crawling;
		this.rules = rules;
	}

	@Override
	public Source source() {
		return this.rules.platform();
	}

	@Override
	public CrawlResult crawl(CrawlCommand command, UserDocument author) throws CrawlException {
		return this.crawling.crawl(this.rules.platform(), command, author, this.rules);
	}

	@Override
	public CompletableFuture<CrawlResult> crawlOn(Executor lane, CrawlCommand command, UserDocument author) {
		return this.crawling.crawlOn(lane, this.rules.platform(), command, author, this.rules);
	}

}
