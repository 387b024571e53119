/**
 * The active index (model and store) and reindexing into a new one without downtime.
 */
package dev.llmtwin.feature.index;
