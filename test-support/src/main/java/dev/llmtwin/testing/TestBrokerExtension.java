package dev.llmtwin.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test, a {@code @BeforeEach} method or (for the whole class) a
 * {@code @BeforeAll} method or constructor a {@link TestBroker} of its own, and closes it
 * (deleting its virtual host) when that scope ends:
 *
 * <pre class="code">
 * &#064;ExtendWith(TestBrokerExtension.class)
 * class ChangePublishingTest {
 *
 *     &#064;BeforeEach
 *     void start(TestBroker rabbit) { ... }
 * }
 * </pre>
 */
public final class TestBrokerExtension implements ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(TestBrokerExtension.class);

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == TestBroker.class;
	}

	/**
	 * One broker per test (method scope) or per class (class scope); JUnit closes it with
	 * its store.
	 */
	@Override
	public TestBroker resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return context.getStore(NAMESPACE)
			.computeIfAbsent(TestBroker.class, (key) -> TestBroker.isolated(), TestBroker.class);
	}

}
