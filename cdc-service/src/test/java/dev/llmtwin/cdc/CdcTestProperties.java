package dev.llmtwin.cdc;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@link CdcProperties} bound as the application binds them, defaults included. */
public final class CdcTestProperties {

	private CdcTestProperties() {
	}

	/**
	 * @param settings {@code name=value} pairs below {@code cdc.}
	 */
	public static CdcProperties of(String... settings) {
		Map<String, String> values = new HashMap<>();
		for (String setting : settings) {
			int equals = setting.indexOf('=');
			values.put("cdc." + setting.substring(0, equals), setting.substring(equals + 1));
		}
		values.putIfAbsent("cdc.collections", "articles");
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("cdc", CdcProperties.class);
	}

}
