/**
 * Crawling article pages: fetch, expand listings into their articles, render where
 * needed, extract and store.
 */
package dev.llmtwin.crawler.article;
