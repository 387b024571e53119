package dev.llmtwin.crawler.fetch;

import java.time.Duration;

/**
 * When a fetch must be over: one for the whole fetch, its robots.txt and redirects
 * included, so that no page (however slowly it sends) holds a worker longer.
 */
record Deadline(long endNanos, Duration length) {

	static Deadline after(Duration length) {
		return new Deadline(System.nanoTime() + length.toNanos(), length);
	}

	Duration remaining() {
		return Duration.ofNanos(Math.max(0, this.endNanos - System.nanoTime()));
	}

	boolean passed() {
		return System.nanoTime() - this.endNanos >= 0;
	}

	String describe() {
		long millis = this.length.toMillis();
		return (millis % 1000 == 0) ? (millis / 1000) + " s" : millis + " ms";
	}

}
