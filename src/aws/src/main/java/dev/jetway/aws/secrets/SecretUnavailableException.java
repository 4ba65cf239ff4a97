package dev.jetway.aws.secrets;

/** A referenced secret, or the key inside it, could not be read. Never carries the secret's value. */
public final class SecretUnavailableException extends RuntimeException {

    public SecretUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public SecretUnavailableException(String message) {
        super(message);
    }
}
