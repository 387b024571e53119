package dev.llmtwin.crawler.source.linkedin;

import java.time.Instant;

/**
 * A post as the feed shows it: its platform id (such as
 * {@code urn:li:activity:7171234567890123456}), its text, and when it was published.
 */
record LinkedinPost(String urn, String text, Instant publishedAt) {
}
