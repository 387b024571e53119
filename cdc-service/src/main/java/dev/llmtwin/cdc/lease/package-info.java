/**
 * The lease that makes one instance the active publisher of each stream.
 */
package dev.llmtwin.cdc.lease;
