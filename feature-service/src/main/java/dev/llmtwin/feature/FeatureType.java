package dev.llmtwin.feature;

import java.util.Arrays;
import java.util.Locale;

/** The kind of raw document a feature comes from; the {@code type} of a stored point. */
public enum FeatureType {

	ARTICLE, POST, CODE;

	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static FeatureType fromWireName(String name) {
		return Arrays.stream(values())
			.filter((type) -> type.wireName().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Unknown feature type '" + name + "'"));
	}

}
