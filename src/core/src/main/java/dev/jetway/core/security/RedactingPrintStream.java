package dev.jetway.core.security;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A print stream that redacts each line before it reaches the stream underneath. Installed as
 * {@code System.err}, it covers everything that logs there: the JDK logging console handler,
 * provider stderr relayed by the local runner, and the runner's own messages.
 */
public final class RedactingPrintStream extends PrintStream {

    public RedactingPrintStream(PrintStream target, Redactor redactor) {
        super(new LineRedactor(target, redactor), true, StandardCharsets.UTF_8);
    }

    private static final class LineRedactor extends OutputStream {
        private final PrintStream target;
        private final Redactor redactor;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineRedactor(PrintStream target, Redactor redactor) {
            this.target = target;
            this.redactor = redactor;
        }

        @Override
        public synchronized void write(int b) {
            line.write(b);
            if (b == '\n' || line.size() > 64 * 1024) emit();
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) write(b[i]);
        }

        @Override
        public synchronized void flush() {
            if (line.size() > 0 && line.toByteArray()[line.size() - 1] == '\n') emit();
            target.flush();
        }

        private void emit() {
            target.print(redactor.redact(line.toString(StandardCharsets.UTF_8)));
            line.reset();
        }
    }
}
