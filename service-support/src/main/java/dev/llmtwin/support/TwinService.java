package dev.llmtwin.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a service on its application class. Its settings come from
 * {@code <name>.properties} (and {@code <name>-<profile>.properties}) on the class path,
 * read as Spring Boot reads {@code application.properties}, before logging starts: in the
 * one-JVM stack all services share one class path, so each needs a file name of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface TwinService {

	/** The service's name, and the name of its properties file. */
	String value();

}
