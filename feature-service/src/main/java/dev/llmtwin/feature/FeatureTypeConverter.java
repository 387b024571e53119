package dev.llmtwin.feature;

import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/**
 * Request parameters name types as on the wire ({@code article}, {@code post},
 * {@code code}); an unknown name is a 400.
 */
@Component
class FeatureTypeConverter implements Converter<String, FeatureType> {

	@Override
	public FeatureType convert(String source) {
		return FeatureType.fromWireName(source.strip());
	}

}
