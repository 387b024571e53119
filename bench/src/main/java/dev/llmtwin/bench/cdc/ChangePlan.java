package dev.llmtwin.bench.cdc;

import java.util.Arrays;

import dev.llmtwin.model.Operation;

/**
 * The soak's changes in write order. Step {@code k} inserts document {@code k}, updates
 * document {@code k - distance} and deletes document {@code k - 2 * distance}, so the
 * collection keeps about {@code 2 * distance} documents however long the run. Each change
 * has a key of its own, {@code 3 * document + operation}, which the change event
 * (operation and document id) gives back.
 */
final class ChangePlan {

	private static final String ID_PREFIX = "soak-";

	private static final Operation[] OPERATIONS = { Operation.INSERT, Operation.UPDATE, Operation.DELETE };

	private final int[] keys;

	private final int keySpace;

	ChangePlan(int changes, int distance) {
		this.keys = new int[changes];
		int seq = 0;
		int step = 0;
		while (seq < changes) {
			this.keys[seq++] = key(step, 0);
			if (step >= distance && seq < changes) {
				this.keys[seq++] = key(step - distance, 1);
			}
			if (step >= 2 * distance && seq < changes) {
				this.keys[seq++] = key(step - 2 * distance, 2);
			}
			step++;
		}
		this.keySpace = step * OPERATIONS.length;
	}

	int size() {
		return this.keys.length;
	}

	/** Keys run from 0 to this, exclusive (not every one is written). */
	int keySpace() {
		return this.keySpace;
	}

	/** The key of the change written {@code seq}-th. */
	int key(int seq) {
		return this.keys[seq];
	}

	static Operation operation(int key) {
		return OPERATIONS[key % OPERATIONS.length];
	}

	static String documentId(int key) {
		return ID_PREFIX + key / OPERATIONS.length;
	}

	/** The key of a change event, or -1 for one the plan did not write. */
	int keyOf(Operation operation, String documentId) {
		int index = Arrays.asList(OPERATIONS).indexOf(operation);
		if (index < 0 || documentId == null || !documentId.startsWith(ID_PREFIX)) {
			return -1;
		}
		try {
			int key = Integer.parseInt(documentId.substring(ID_PREFIX.length())) * OPERATIONS.length + index;
			return (key >= 0 && key < this.keySpace) ? key : -1;
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static int key(int document, int operation) {
		return document * OPERATIONS.length + operation;
	}

}
