package dev.llmtwin.model;

import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The kind of change in a {@link ChangeEvent}. */
public enum Operation {

	INSERT, UPDATE, REPLACE, DELETE,
	/** A document published by a backfill rather than by a live change. */
	SNAPSHOT;

	@JsonValue
	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	@JsonCreator
	public static Operation fromWireName(String name) {
		return Arrays.stream(values())
			.filter((operation) -> operation.wireName().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Unknown operation '" + name + "'"));
	}

}
