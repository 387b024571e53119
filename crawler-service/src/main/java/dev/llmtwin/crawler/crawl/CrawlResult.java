package dev.llmtwin.crawler.crawl;

import java.util.List;

/**
 * What one link was stored as: one document for an article or post, several when the link
 * expands (a profile, an archive, a repository and its files).
 */
public record CrawlResult(List<CrawledDocument> documents) {

	public CrawlResult {
		if (documents.isEmpty()) {
			throw new IllegalArgumentException("A crawl result names at least one document");
		}
		documents = List.copyOf(documents);
	}

	public static CrawlResult of(CrawledDocument document) {
		return new CrawlResult(List.of(document));
	}

	/** The document the link itself was stored as (the first one). */
	public String primaryDocumentId() {
		return this.documents.get(0).documentId();
	}

	/** Whether anything was written. */
	public boolean changed() {
		return this.documents.stream().anyMatch(CrawledDocument::changed);
	}

}
