package dev.llmtwin.crawler.source.site;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.llmtwin.crawler.crawl.SourceCrawler;
import dev.llmtwin.crawler.extract.ArticleCrawling;
import dev.llmtwin.crawler.extract.MediumRules;
import dev.llmtwin.crawler.extract.SubstackRules;

/** One crawler per platform with site rules. */
@Configuration(proxyBeanMethods = false)
class SiteCrawlersConfiguration {

	@Bean
	SourceCrawler mediumCrawler(ArticleCrawling crawling, MediumRules rules) {
		return new SiteArticleCrawler(crawling, rules);
	}

	@Bean
	SourceCrawler substackCrawler(ArticleCrawling crawling, SubstackRules rules) {
		return new SiteArticleCrawler(crawling, rules);
	}

}
