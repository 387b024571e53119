package dev.llmtwin.crawler.source.medium;

import org.springframework.stereotype.Component;

import dev.llmtwin.crawler.crawl.CrawlException;
import dev.llmtwin.crawler.crawl.CrawlResult;
import dev.llmtwin.crawler.crawl.SourceCrawler;
import dev.llmtwin.crawler.extract.ArticleCrawling;
import dev.llmtwin.crawler.extract.MediumRules;
import dev.llmtwin.model.CrawlCommand;
import dev.llmtwin.model.Source;
import dev.llmtwin.model.UserDocument;

/** Medium articles, and a writer's profile expanded into its articles. */
@Component
class MediumCrawler implements SourceCrawler {

	private final ArticleCrawling crawling;

	private final MediumRules rules;

	MediumCrawler(ArticleCrawling crawling, MediumRules rules) {
		this.crawling = crawling;
		this.rules = rules;
	}

	@Override
	public Source source() {
		return Source.MEDIUM;
	}

	@Override
	public CrawlResult crawl(CrawlCommand command, UserDocument author) throws CrawlException {
		return this.crawling.crawl(Source.MEDIUM, command, author, this.rules);
	}

}
