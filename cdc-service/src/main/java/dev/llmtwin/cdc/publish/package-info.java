/**
 * Publishing changes in order with pipelined publisher confirms on a channel of the
 * stream's own.
 */
package dev.llmtwin.cdc.publish;
