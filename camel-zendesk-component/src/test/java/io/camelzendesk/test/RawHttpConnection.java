package io.camelzendesk.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP/1.1 request written by hand on a socket: the body sent at the pace the test chooses (slowly, partly,
 * endlessly), the answer read concurrently, so a server that answers before the body ended is seen doing so.
 */
public final class RawHttpConnection implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final CompletableFuture<String> answer = new CompletableFuture<>();
    private final AtomicLong sent = new AtomicLong();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    private RawHttpConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        Thread reader = new Thread(this::readAnswer, "raw-http-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens a connection and writes the request line and headers ({@code Content-Length} or chunked as given). */
    public static RawHttpConnection open(int port, String path, Map<String, String> headers) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        RawHttpConnection c = new RawHttpConnection(socket);
        StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
        head.append("Content-Type: application/json\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("\r\n");
        c.out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        c.out.flush();
        return c;
    }

    /** Writes raw bytes; false once the server has closed the connection (or answered and stopped reading). */
    public boolean write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            sent.addAndGet(bytes.length);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Writes one chunk of a chunked body. */
    public boolean writeChunk(byte[] bytes) {
        byte[] size = (Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        return write(size) && write(bytes) && write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** Bytes of body (and chunk framing) written so far. */
    public long sent() {
        return sent.get();
    }

    /** Everything the server sent until it closed the connection (or until the reader failed). */
    public CompletableFuture<String> answer() {
        return answer;
    }

    /** The status code of the answer, once some of it arrived; -1 for none. */
    public static int status(String answer) {
        if (answer == null || !answer.startsWith("HTTP/1.1 ")) {
            return -1;
        }
        return Integer.parseInt(answer.substring(9, 12));
    }

    /** Closes at once, as a client that gives up mid-request (RST, not a graceful FIN). */
    public void abort() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    /** What the server sent so far. */
    public String receivedSoFar() {
        synchronized (received) {
            return received.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private void readAnswer() {
        try {
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) >= 0) {
                synchronized (received) {
                    received.write(buf, 0, n);
                }
            }
        } catch (IOException e) {
            // reset after the answer: what was read is the answer
        }
        answer.complete(receivedSoFar());
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
