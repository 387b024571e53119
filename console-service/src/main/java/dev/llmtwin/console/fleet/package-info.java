/**
 * The console's view of the fleet: one client over the three services' REST APIs, with
 * the operator's key from the session, and the parts of their answers the pages show
 * (read tolerantly: a field the console does not know is ignored).
 */
package dev.llmtwin.console.fleet;
