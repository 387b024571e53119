/**
 * Applying one raw change: clean, chunk, embed and write, or delete.
 */
package dev.llmtwin.feature.pipeline;
