package dev.llmtwin.model;

import java.time.Instant;
import java.util.Comparator;

/**
 * The position of a change in MongoDB's history: a BSON timestamp (seconds and an ordinal
 * within the second). Comparable, so consumers can ignore events older than the last one
 * they applied to a document.
 */
public record ClusterTime(long seconds, int increment) implements Comparable<ClusterTime> {

	private static final Comparator<ClusterTime> ORDER = Comparator.comparingLong(ClusterTime::seconds)
		.thenComparingInt(ClusterTime::increment);

	public Instant toInstant() {
		return Instant.ofEpochSecond(this.seconds);
	}

	@Override
	public int compareTo(ClusterTime other) {
		return ORDER.compare(this, other);
	}

}
