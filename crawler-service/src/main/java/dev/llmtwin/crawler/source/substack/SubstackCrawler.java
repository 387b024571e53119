package dev.llmtwin.crawler.source.substack;

import org.springframework.stereotype.Component;

import dev.llmtwin.crawler.crawl.CrawlException;
import dev.llmtwin.crawler.crawl.CrawlResult;
import dev.llmtwin.crawler.crawl.SourceCrawler;
import dev.llmtwin.crawler.extract.ArticleCrawling;
import dev.llmtwin.crawler.extract.SubstackRules;
import dev.llmtwin.model.CrawlCommand;
import dev.llmtwin.model.Source;
import dev.llmtwin.model.UserDocument;

/** Substack articles, and a writer's archive expanded into its articles. */
@Component
class SubstackCrawler implements SourceCrawler {

	private final ArticleCrawling crawling;

	private final SubstackRules rules;

	SubstackCrawler(ArticleCrawling crawling, SubstackRules rules) {
		this.crawling = crawling;
		this.rules = rules;
	}

	@Override
	public Source source() {
		return Source.SUBSTACK;
	}

	@Override
	public CrawlResult crawl(CrawlCommand command, UserDocument author) throws CrawlException {
		return this.crawling.crawl(Source.SUBSTACK, command, author, this.rules);
	}

}
