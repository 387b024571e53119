/**
 * Fetching pages politely and safely: robots.txt, per-host rate limits, size limits and a
 * deadline, every connection through the address guard.
 */
package dev.llmtwin.crawler.fetch;
