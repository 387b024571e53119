/**
 * Normalising links, so that one page has one address.
 */
package dev.llmtwin.crawler.link;
