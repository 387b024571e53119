/**
 * Crawl jobs: the REST API, the job store, the dispatch of links to their sources and the
 * commands to the workers.
 */
package dev.llmtwin.crawler.job;
