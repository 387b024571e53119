package dev.llmtwin.bench.cdc;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.llmtwin.model.Operation;

import static org.assertj.core.api.Assertions.assertThat;

class ChangePlanTest {

	@Test
	void everyChangeHasAKeyOfItsOwnThatItsEventGivesBack() {
		ChangePlan plan = new ChangePlan(10_000, 100);

		Set<Integer> keys = new HashSet<>();
		for (int seq = 0; seq < plan.size(); seq++) {
			int key = plan.key(seq);
			assertThat(keys.add(key)).as("key of change %d", seq).isTrue();
			assertThat(key).isBetween(0, plan.keySpace() - 1);
			assertThat(plan.keyOf(ChangePlan.operation(key), ChangePlan.documentId(key))).isEqualTo(key);
		}
		assertThat(keys).hasSize(10_000);
	}

	@Test
	void aDocumentIsInsertedThenUpdatedThenDeletedAndTheCollectionStaysSmall() {
		ChangePlan plan = new ChangePlan(30_000, 100);

		Set<String> stored = new HashSet<>();
		Set<String> updated = new HashSet<>();
		int largest = 0;
		for (int seq = 0; seq < plan.size(); seq++) {
			int key = plan.key(seq);
			String id = ChangePlan.documentId(key);
			switch (ChangePlan.operation(key)) {
				case INSERT -> assertThat(stored.add(id)).isTrue();
				case UPDATE -> assertThat(stored.contains(id) && updated.add(id)).isTrue();
				case DELETE -> assertThat(updated.contains(id) && stored.remove(id)).isTrue();
				default -> throw new AssertionError(ChangePlan.operation(key));
			}
			largest = Math.max(largest, stored.size());
		}
		assertThat(largest).isLessThanOrEqualTo(201);
		assertThat(stored).hasSizeGreaterThanOrEqualTo(199);
	}

	@Test
	void anEventThePlanDidNotWriteHasNoKey() {
		ChangePlan plan = new ChangePlan(1_000, 100);

		assertThat(plan.keyOf(Operation.INSERT, "another-document")).isEqualTo(-1);
		assertThat(plan.keyOf(Operation.SNAPSHOT, ChangePlan.documentId(0))).isEqualTo(-1);
		assertThat(plan.keyOf(Operation.INSERT, "soak-99999999")).isEqualTo(-1);
		assertThat(plan.keyOf(Operation.DELETE, null)).isEqualTo(-1);
	}

}
