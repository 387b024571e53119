package dev.llmtwin.console.fleet;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.web.util.UriBuilder;

/**
 * A search as the playground's form gives it; blank filters are left out.
 *
 * @param q the query
 * @param type {@code article}, {@code post} or {@code code}
 * @param authorId the author's id
 * @param platform where the document was published
 * @param language ISO 639-1 code
 * @param mode {@code hybrid}, {@code dense} or {@code lexical}
 * @param k how many hits
 */
public record SearchQuery(String q, String type, String authorId, String platform, String language, String mode,
		Integer k) {

	public boolean isBlank() {
		return this.q == null || this.q.isBlank();
	}

	/**
	 * The search's URI: values go in as URI variables, so that a brace or a percent sign
	 * in a query is sent as itself.
	 */
	URI uri(UriBuilder uri) {
		Map<String, Object> values = new LinkedHashMap<>();
		param(uri, values, "q", this.q.strip());
		param(uri, values, "type", this.type);
		param(uri, values, "authorId", this.authorId);
		param(uri, values, "platform", this.platform);
		param(uri, values, "language", this.language);
		param(uri, values, "mode", this.mode);
		param(uri, values, "k", (this.k != null) ? this.k.toString() : null);
		return uri.build(values);
	}

	private static void param(UriBuilder uri, Map<String, Object> values, String name, String value) {
		if (value != null && !value.isBlank()) {
			uri.queryParam(name, "{" + name + "}");
			values.put(name, value.strip());
		}
	}

}
