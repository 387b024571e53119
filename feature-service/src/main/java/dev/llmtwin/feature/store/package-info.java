/**
 * The vector store port with its Qdrant and Lucene adapters.
 */
package dev.llmtwin.feature.store;
