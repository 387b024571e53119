package dev.llmtwin.crawler.job;

/**
 * Which of a job's links a view shows: a job may hold a thousand, and a list of jobs
 * shows only the first few of each.
 *
 * @param page the page, from 0
 * @param size links per page
 */
record LinkPage(int page, int size) {

	static final int MAX_SIZE = 1000;

	static final LinkPage FIRST = new LinkPage(0, 100);

	static final LinkPage IN_LISTS = new LinkPage(0, 10);

	/** The index of the page's first link, which may lie far beyond any job's end. */
	long from() {
		return (long) this.page * this.size;
	}

}
