package dev.llmtwin.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A Testcontainers test: skipped with its reason where no Docker engine answers (as on
 * the development machines), failed instead under {@code TWIN_REQUIRE_DOCKER=true} (as in
 * GitHub Actions, whose runners have Docker).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(DockerCondition.class)
public @interface RequiresDocker {

}
