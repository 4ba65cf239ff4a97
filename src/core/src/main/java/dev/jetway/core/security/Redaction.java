package dev.jetway.core.security;

import java.io.PrintStream;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Installs a {@link Redactor} on the process's log outputs: {@code System.err} and JDK logging. */
public final class Redaction {

    private Redaction() {}

    /** Redacts everything written to {@code System.err} and every JDK log record's formatted text. */
    public static void installProcessWide(Redactor redactor) {
        PrintStream err = System.err;
        if (!(err instanceof RedactingPrintStream)) System.setErr(new RedactingPrintStream(err, redactor));
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            Formatter formatter = handler.getFormatter();
            if (formatter != null && !(formatter instanceof RedactingFormatter)) {
                handler.setFormatter(new RedactingFormatter(formatter, redactor));
            }
        }
    }

    /** A log formatter whose output, message and stack traces included, passes through the redactor. */
    public static final class RedactingFormatter extends Formatter {
        private final Formatter inner;
        private final Redactor redactor;

        public RedactingFormatter(Formatter inner, Redactor redactor) {
            this.inner = inner;
            this.redactor = redactor;
        }

        @Override
        public String format(LogRecord record) {
            return redactor.redact(inner.format(record));
        }

        @Override
        public String getHead(Handler h) {
            return inner.getHead(h);
        }

        @Override
        public String getTail(Handler h) {
            return inner.getTail(h);
        }
    }
}
