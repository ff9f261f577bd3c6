package org.socialmaturity.gateway.routing;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.OriginRequestProvider;
import io.vertx.httpproxy.ProxyContext;

/**
 * The service's address, how long to wait for a connection to it (from the pool included), and the time it may stay
 * silent (none for an event stream, which is quiet by nature).
 */
record Upstream(SocketAddress address, long connectTimeoutMillis, long idleTimeoutMillis)
        implements OriginRequestProvider {

    @Override
    public Future<HttpClientRequest> create(ProxyContext context) {
        RequestOptions options = new RequestOptions().setServer(address).setConnectTimeout(connectTimeoutMillis);
        if (idleTimeoutMillis > 0) {
            options.setIdleTimeout(idleTimeoutMillis);
        }
        return context.client().request(options);
    }
}
