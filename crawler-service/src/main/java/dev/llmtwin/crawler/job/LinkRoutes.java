package dev.llmtwin.crawler.job;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer of {@code POST /api/crawls/routes}: per link as given, the source whose
 * crawler would take it, or the problem a crawl request would answer for it.
 */
record LinkRoutes(List<Route> links) {

	/** A refused link is shown with at most this many characters. */
	static final int SHOWN_LENGTH = 200;

	/**
	 * @param given the link as given (without credentials)
	 * @param link its normalized form, which the crawl would use
	 * @param source the source's routing key ({@code web}, {@code medium}, ...)
	 * @param problem why the link would be refused, else null
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Route(String given, String link, String source, String problem) {
	}

}
