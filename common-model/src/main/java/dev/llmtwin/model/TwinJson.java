package dev.llmtwin.model;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapping every service uses on the wire: ISO-8601 dates, unknown fields
 * ignored.
 */
public final class TwinJson {

	/** Packages whose types a JSON message converter may instantiate. */
	public static final String TRUSTED_PACKAGES = "dev.llmtwin.model";

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private TwinJson() {
	}

	public static JsonMapper mapper() {
		return MAPPER;
	}

}
