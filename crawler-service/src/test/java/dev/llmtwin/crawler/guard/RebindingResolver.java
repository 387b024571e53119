package dev.llmtwin.crawler.guard;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A DNS answer that changes between lookups, as an attacker's name server gives it: the
 * first lookup of the host answers an address the guard admits, every later one another
 * address (the target inside). Other names are unknown.
 */
public final class RebindingResolver implements HostResolver {

	private final String host;

	private final InetAddress first;

	private final InetAddress then;

	private final AtomicInteger lookups = new AtomicInteger();

	public RebindingResolver(String host, InetAddress first, InetAddress then) {
		this.host = host;
		this.first = first;
		this.then = then;
	}

	@Override
	public InetAddress[] resolve(String name) throws UnknownHostException {
		if (!this.host.equals(name)) {
			throw new UnknownHostException(name);
		}
		return new InetAddress[] { (this.lookups.getAndIncrement() == 0) ? this.first : this.then };
	}

	/** How often the host was looked up. */
	public int lookups() {
		return this.lookups.get();
	}

}
