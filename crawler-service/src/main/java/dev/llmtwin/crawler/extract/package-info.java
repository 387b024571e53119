/**
 * Main text and metadata out of an HTML page (Readability4J plus boilerplate rules), and
 * the quality gate on the result.
 */
package dev.llmtwin.crawler.extract;
