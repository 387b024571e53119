package dev.llmtwin.crawler.source.web;

import java.time.Instant;

/**
 * What a page holds: its own title, the subtitle from its description, the main text
 * (headings and paragraphs in order, separated by blank lines), and the publication time
 * when the page gives one.
 */
record ExtractedArticle(String title, String subtitle, String content, Instant publishedAt) {
}
