/**
 * Where each stream goes on: the immutable stream position, the time read out of resume
 * tokens, and their store in {@code cdc_offsets}.
 */
package dev.llmtwin.cdc.offset;
