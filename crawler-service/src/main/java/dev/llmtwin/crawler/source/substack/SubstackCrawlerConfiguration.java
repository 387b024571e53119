package dev.llmtwin.crawler.source.substack;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.llmtwin.crawler.article.ArticleCrawling;
import dev.llmtwin.crawler.article.SiteArticleCrawler;
import dev.llmtwin.crawler.crawl.SourceCrawler;

/** Substack posts, and newsletters' archives expanded into their posts. */
@Configuration(proxyBeanMethods = false)
class SubstackCrawlerConfiguration {

	@Bean
	SourceCrawler substackCrawler(ArticleCrawling crawling, SubstackRules rules) {
		return new SiteArticleCrawler(crawling, rules);
	}

}
