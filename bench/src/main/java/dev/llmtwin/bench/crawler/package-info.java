/**
 * Pages per second through the whole crawl path against our own extractor on the same
 * pages.
 */
package dev.llmtwin.bench.crawler;
