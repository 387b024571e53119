/**
 * What every source crawler shares: the crawler port, its result and its failure; depends
 * on nothing else in the service.
 */
package dev.llmtwin.crawler.crawl;
