package dev.llmtwin.local;

import java.time.Duration;

/** Waits of the chaos run's background threads, which end when interrupted. */
final class Pauses {

	private Pauses() {
	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Waits up to {@code patience} for the thread to end. */
	static void join(Thread thread, Duration patience) {
		try {
			thread.join(patience);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
