package dev.llmtwin.console.fleet;

import java.util.function.Supplier;

/**
 * A service's answer or why there is none, so that one silent service leaves the rest of
 * a page intact.
 */
public record Answer<T>(T value, FleetException error) {

	public static <T> Answer<T> of(Supplier<T> call) {
		try {
			return new Answer<>(call.get(), null);
		}
		catch (FleetException ex) {
			return new Answer<>(null, ex);
		}
	}

	public boolean failed() {
		return this.error != null;
	}

}
