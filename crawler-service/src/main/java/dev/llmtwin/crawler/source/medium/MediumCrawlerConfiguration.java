package dev.llmtwin.crawler.source.medium;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.llmtwin.crawler.article.ArticleCrawling;
import dev.llmtwin.crawler.article.SiteArticleCrawler;
import dev.llmtwin.crawler.crawl.SourceCrawler;

/** Medium articles, and profiles and publications expanded into their articles. */
@Configuration(proxyBeanMethods = false)
class MediumCrawlerConfiguration {

	@Bean
	SourceCrawler mediumCrawler(ArticleCrawling crawling, MediumRules rules) {
		return new SiteArticleCrawler(crawling, rules);
	}

}
