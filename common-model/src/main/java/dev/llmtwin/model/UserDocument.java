package dev.llmtwin.model;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An author, in the {@code users} collection; {@code handles} maps platform to handle.
 */
public record UserDocument(@JsonProperty("_id") @JsonAlias("id") String id, String firstName, String lastName,
		Map<String, String> handles) {

	public String fullName() {
		return (this.firstName + " " + this.lastName).strip();
	}

}
