/**
 * Throughput and lag of the CDC service against the machine's RabbitMQ and the embedded
 * MongoDB server.
 */
package dev.llmtwin.bench.cdc;
