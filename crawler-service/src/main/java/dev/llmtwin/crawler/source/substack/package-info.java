/**
 * Substack posts, and newsletters' archives expanded into their posts.
 */
package dev.llmtwin.crawler.source.substack;
