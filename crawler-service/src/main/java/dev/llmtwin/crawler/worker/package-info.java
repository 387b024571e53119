/**
 * The crawl workers: one queue per source, the command listener that runs a crawl and
 * records its outcome.
 */
package dev.llmtwin.crawler.worker;
