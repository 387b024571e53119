package dev.llmtwin.feature.search;

import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

import dev.llmtwin.feature.store.Fusion;

/** {@code fusion=rrf|dbsf}, in any case; another value is a 400. */
@Component
class FusionConverter implements Converter<String, Fusion> {

	@Override
	public Fusion convert(String source) {
		try {
			return Fusion.named(source);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("fusion must be rrf or dbsf", ex);
		}
	}

}
