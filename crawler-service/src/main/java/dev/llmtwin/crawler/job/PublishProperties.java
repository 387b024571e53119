package dev.llmtwin.crawler.job;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How crawl commands are published.
 *
 * @param confirmTimeout how long a request waits for the broker to confirm its commands
 * before the links not confirmed are marked failed
 */
@Validated
@ConfigurationProperties("crawler.publish")
record PublishProperties(@DefaultValue("10s") @NotNull @DurationMin(millis = 1) Duration confirmTimeout) {
}
