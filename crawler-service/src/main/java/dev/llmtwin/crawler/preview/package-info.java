/**
 * {@code POST /api/extract}: what the crawler would store for a link or an uploaded page,
 * without storing it.
 */
package dev.llmtwin.crawler.preview;
