package dev.llmtwin.crawler.extract;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** The general main-content algorithm the extractor improves on (Readability). */
@FunctionalInterface
interface MainContent {

	/**
	 * @param page a copy of the page, which the algorithm may change
	 * @return the element holding the page's main content, or null when there is none
	 */
	Element find(Document page);

}
