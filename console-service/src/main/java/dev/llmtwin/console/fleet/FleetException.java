package dev.llmtwin.console.fleet;

import java.util.List;
import java.util.Map;

/**
 * A service refused a call (its problem details' title and detail) or did not answer. The
 * pages show the message as text where the answer would have been.
 *
 * @param status the HTTP status, 0 when the service did not answer
 */
public class FleetException extends RuntimeException {

	private final String service;

	private final int status;

	private final String title;

	private final transient Map<String, Object> properties;

	FleetException(String service, int status, String title, String detail, Map<String, Object> properties) {
		super(detail);
		this.service = service;
		this.status = status;
		this.title = title;
		this.properties = (properties != null) ? Map.copyOf(properties) : Map.of();
	}

	static FleetException unreachable(String service, String detail) {
		return new FleetException(service, 0, service + " did not answer", detail, null);
	}

	public String service() {
		return this.service;
	}

	public int status() {
		return this.status;
	}

	public String title() {
		return this.title;
	}

	public String detail() {
		return getMessage();
	}

	/** A text property of the problem, such as the text found on a listing page. */
	public String textProperty(String name) {
		return (this.properties.get(name) instanceof String text) ? text : null;
	}

	/** A list property of the problem, such as a listing page's article links. */
	public List<String> listProperty(String name) {
		if (this.properties.get(name) instanceof List<?> list) {
			return list.stream().map(String::valueOf).toList();
		}
		return List.of();
	}

}
