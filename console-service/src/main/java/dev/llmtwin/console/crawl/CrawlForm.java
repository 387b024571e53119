package dev.llmtwin.console.crawl;

import java.util.Arrays;
import java.util.List;

/**
 * The crawl form as posted: the author's full name and links, one per line.
 *
 * @param author the author's full name
 * @param links the links, one per line; blank lines are ignored
 */
record CrawlForm(String author, String links) {

	static final CrawlForm EMPTY = new CrawlForm("", "");

	List<String> linkList() {
		if (this.links == null) {
			return List.of();
		}
		return Arrays.stream(this.links.split("\\R")).map(String::strip).filter((line) -> !line.isEmpty()).toList();
	}

}
