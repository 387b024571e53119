/**
 * The raw documents in MongoDB, written only when their content changed.
 */
package dev.llmtwin.crawler.store;
