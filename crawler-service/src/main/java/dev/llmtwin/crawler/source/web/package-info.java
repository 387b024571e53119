/**
 * Any blog or news page with an article on it.
 */
package dev.llmtwin.crawler.source.web;
