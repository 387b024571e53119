package dev.llmtwin.crawler.guard;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Resolves a host name to its addresses; the system resolver in the service, a fake one
 * in tests so that no test ever depends on (or reaches) a real address.
 */
@FunctionalInterface
public interface HostResolver {

	HostResolver SYSTEM = InetAddress::getAllByName;

	InetAddress[] resolve(String host) throws UnknownHostException;

}
