/**
 * Medium articles, and profiles and publications expanded into their articles.
 */
package dev.llmtwin.crawler.source.medium;
