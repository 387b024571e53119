package dev.llmtwin.feature.search;

import java.util.Arrays;
import java.util.Locale;

import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/**
 * {@code mode=dense|lexical|hybrid}, in any case; another value is a 400 naming the
 * accepted ones.
 */
@Component
class SearchModeConverter implements Converter<String, SearchMode> {

	@Override
	public SearchMode convert(String source) {
		String name = source.strip().toUpperCase(Locale.ROOT);
		return Arrays.stream(SearchMode.values())
			.filter((mode) -> mode.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("mode must be dense, lexical or hybrid"));
	}

}
