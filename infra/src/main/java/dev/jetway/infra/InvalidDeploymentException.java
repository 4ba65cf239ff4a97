package dev.jetway.infra;

/** A configuration that cannot be deployed to AWS, with what to change. */
public final class InvalidDeploymentException extends RuntimeException {
    public InvalidDeploymentException(String message) {
        super(message);
    }
}
