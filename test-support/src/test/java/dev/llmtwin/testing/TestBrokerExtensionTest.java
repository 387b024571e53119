package dev.llmtwin.testing;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One broker per test, shared by the test and its set-up, a new one for the next test.
 */
@ExtendWith(TestBrokerExtension.class)
class TestBrokerExtensionTest {

	private static final List<TestBroker> seen = new ArrayList<>();

	private TestBroker fromSetUp;

	@BeforeEach
	void setUp(TestBroker broker) {
		this.fromSetUp = broker;
	}

	@Test
	void theTestAndItsSetUpShareOneBroker(TestBroker broker) {
		assertThat(broker).isSameAs(this.fromSetUp);
		seen.add(broker);
	}

	@Test
	void anotherTestGetsABrokerOfItsOwn(TestBroker broker) {
		assertThat(broker.springArgs()).isNotEmpty();
		seen.add(broker);
	}

	@AfterAll
	static void eachTestHadItsOwn() {
		assertThat(seen).hasSize(2).doesNotHaveDuplicates();
	}

}
