package dev.llmtwin.crawler.job;

import org.springframework.stereotype.Component;

import dev.llmtwin.model.Source;

/** Decides which source's crawler takes a link; its routing key picks the queue. */
@Component
class SourceDispatcher {

	/**
	 * Every link goes to the generic web article crawler until the per-source crawlers
	 * exist.
	 */
	Source sourceOf(String normalizedLink) {
		return Source.WEB;
	}

}
