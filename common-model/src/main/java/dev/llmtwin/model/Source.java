package dev.llmtwin.model;

import java.util.Arrays;
import java.util.Locale;

/** A crawl source; its routing key names the {@code crawl.<source>} queue. */
public enum Source {

	MEDIUM, SUBSTACK, LINKEDIN, GITHUB, WEB;

	private final String routingKey = name().toLowerCase(Locale.ROOT);

	public String routingKey() {
		return this.routingKey;
	}

	public static Source fromRoutingKey(String key) {
		return Arrays.stream(values())
			.filter((source) -> source.routingKey().equals(key))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Unknown source '" + key + "'"));
	}

}
