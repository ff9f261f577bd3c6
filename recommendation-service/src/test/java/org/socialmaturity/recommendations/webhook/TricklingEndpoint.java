package org.socialmaturity.recommendations.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A partner endpoint that answers {@code 200} at once and then never finishes its body: a chunk every 200 ms for as
 * long as the connection stays open. Counts the connections open at once.
 */
final class TricklingEndpoint implements AutoCloseable {

    private final ServerSocket server;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger mostOpen = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();

    TricklingEndpoint() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    accepted.incrementAndGet();
                    mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                    Thread trickle = new Thread(() -> trickle(socket), "trickling-endpoint");
                    trickle.setDaemon(true);
                    trickle.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "trickling-endpoint-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void trickle(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            int matched = 0;
            byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            while (matched < end.length) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
            }
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            while (!server.isClosed()) {
                out.write("1\r\nx\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(200);
            }
        } catch (IOException | InterruptedException closedByTheSender) {
            // the sender gave up: what a slow endpoint should expect
        } finally {
            open.decrementAndGet();
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/hook";
    }

    int accepted() {
        return accepted.get();
    }

    /** The most connections that were open at the same moment. */
    int mostOpenAtOnce() {
        return mostOpen.get();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
