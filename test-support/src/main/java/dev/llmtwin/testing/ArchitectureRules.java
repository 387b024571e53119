package dev.llmtwin.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The architecture rules every service keeps, checked by each service's own test on its
 * production classes.
 */
public final class ArchitectureRules {

	/** The services' root packages: none may import another. */
	public static final List<String> SERVICES = List.of("dev.llmtwin.crawler", "dev.llmtwin.cdc",
			"dev.llmtwin.feature");

	private ArchitectureRules() {
	}

	/** The production classes under {@code rootPackage}, without tests and jars. */
	public static JavaClasses productionClasses(String rootPackage) {
		return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
			.importPackages(rootPackage);
	}

	/** No two packages under the root depend on each other, however indirectly. */
	public static ArchRule noPackageCycles(String rootPackage) {
		return slices().matching(rootPackage + ".(**)")
			.should()
			.beFreeOfCycles()
			.because("a package cycle means neither package can be understood or changed alone");
	}

	/** A service talks to the others over AMQP and HTTP, never through their classes. */
	public static ArchRule noOtherService(String rootPackage) {
		String[] others = SERVICES.stream()
			.filter((service) -> !service.equals(rootPackage))
			.map((service) -> service + "..")
			.toArray(String[]::new);
		return noClasses().that()
			.resideInAPackage(rootPackage + "..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(others)
			.because("services share only the wire types of common-model");
	}

	/**
	 * The embedded stand-ins are chosen by the local stack, and tests' helpers stay in
	 * tests: neither belongs in a service's runnable jar.
	 */
	public static ArchRule noStandInsOrTestSupport(String rootPackage) {
		return noClasses().that()
			.resideInAPackage(rootPackage + "..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.llmtwin.embedded..", "dev.llmtwin.testing..", "org.junit..", "org.mockito..",
					"org.testcontainers..", "org.assertj..")
			.because("the stand-ins and test helpers are not part of a service");
	}

	/**
	 * Web controllers go through the service classes, which own the stores: they never
	 * reach MongoDB or the vector store themselves.
	 */
	public static ArchRule controllersUseServices(String rootPackage) {
		return noClasses().that()
			.resideInAPackage(rootPackage + "..")
			.and()
			.areAnnotatedWith("org.springframework.web.bind.annotation.RestController")
			.should()
			.dependOnClassesThat()
			.haveFullyQualifiedName("org.springframework.data.mongodb.core.MongoTemplate")
			.orShould()
			.dependOnClassesThat()
			.resideInAnyPackage("com.mongodb..", "io.qdrant..", "org.apache.lucene..")
			.orShould()
			.dependOnClassesThat()
			.haveSimpleName("VectorStore")
			.because("a controller maps HTTP onto a service; the service owns the stores")
			// The console has pages but no REST controllers.
			.allowEmptyShould(true);
	}

	/** One logger per class, named alike everywhere. */
	public static ArchRule oneLoggerNamingConvention(String rootPackage) {
		return fields().that()
			.areDeclaredInClassesThat()
			.resideInAPackage(rootPackage + "..")
			.and()
			.haveRawType("org.slf4j.Logger")
			.should()
			.bePrivate()
			.andShould()
			.beStatic()
			.andShould()
			.beFinal()
			.andShould()
			.haveName("log")
			.allowEmptyShould(true);
	}

	/**
	 * The settings in the module's generated configuration metadata that have no
	 * description (the record component's {@code @param} is missing), so that every
	 * setting completes and documents itself in an IDE.
	 */
	public static List<String> undocumentedSettings() throws IOException {
		Path metadata = Path.of("target/classes/META-INF/spring-configuration-metadata.json");
		if (!Files.exists(metadata)) {
			throw new IllegalStateException(metadata.toAbsolutePath()
					+ " is missing: spring-boot-configuration-processor did not run on this module");
		}
		List<String> undocumented = new ArrayList<>();
		for (JsonNode property : JsonMapper.shared().readTree(metadata.toFile()).path("properties")) {
			if (property.path("description").asString("").isBlank()) {
				undocumented.add(property.path("name").asString());
			}
		}
		return undocumented;
	}

	/** Every rule above, for a service's root package. */
	public static void check(String rootPackage) {
		JavaClasses classes = productionClasses(rootPackage);
		for (ArchRule rule : List.of(noPackageCycles(rootPackage), noOtherService(rootPackage),
				noStandInsOrTestSupport(rootPackage), controllersUseServices(rootPackage),
				oneLoggerNamingConvention(rootPackage))) {
			rule.check(classes);
		}
	}

}
