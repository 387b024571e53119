/**
 * The public API's limits: the per-client rate limit and the API settings.
 */
package dev.llmtwin.crawler.api;
