package dev.llmtwin.feature.change;

import java.util.Map;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.llmtwin.feature.FeatureType;

/**
 * Which raw collections carry which feature type. Changes of a collection not listed here
 * (and not known to carry no text) are dead-lettered; adding the collection and replaying
 * them processes them.
 *
 * @param collections feature type by collection name
 */
@Validated
@ConfigurationProperties("feature")
public record ChangeProperties(@DefaultValue @NotNull Map<String, FeatureType> collections) {
}
