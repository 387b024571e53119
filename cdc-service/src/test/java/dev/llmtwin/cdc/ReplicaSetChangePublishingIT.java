package dev.llmtwin.cdc;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;

import dev.llmtwin.embedded.EmbeddedAmqpBroker;

import dev.llmtwin.testing.ContainerImages;
import dev.llmtwin.testing.RequiresDocker;

/**
 * The same sequence against a real MongoDB replica set (real resume tokens, cluster
 * times, update lookup and operation times), publishing to the embedded broker.
 */
@RequiresDocker
@Testcontainers
class ReplicaSetChangePublishingIT {

	@Container
	static final MongoDBContainer mongo = new MongoDBContainer(ContainerImages.MONGODB).withReplicaSet();

	@BeforeAll
	static void keepDerbyLogInTarget() {
		System.setProperty("derby.stream.error.file", "target/derby.log");
	}

	@Test
	void insertUpdateDeleteArriveInOrder() {
		try (EmbeddedAmqpBroker broker = EmbeddedAmqpBroker.inMemory()) {
			ChangeFlows.insertUpdateDeleteArriveInOrder(mongo.getReplicaSetUrl(ChangeFlows.DATABASE),
					EmbeddedBrokerChangePublishingTest.address(broker));
		}
	}

	@Test
	void theStoredTokenIsTheServersOwnAndCarriesTheChangesClusterTime() {
		try (EmbeddedAmqpBroker broker = EmbeddedAmqpBroker.inMemory()) {
			ChangeFlows.storedTokenCarriesTheLastChangesClusterTime(mongo.getReplicaSetUrl(ChangeFlows.DATABASE),
					EmbeddedBrokerChangePublishingTest.address(broker));
		}
	}

}
