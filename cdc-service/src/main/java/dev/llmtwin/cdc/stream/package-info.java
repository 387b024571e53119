/**
 * The streams' read loop, the snapshot and the tailing, the in-memory offsets, and their
 * status over HTTP, health and metrics.
 */
package dev.llmtwin.cdc.stream;
