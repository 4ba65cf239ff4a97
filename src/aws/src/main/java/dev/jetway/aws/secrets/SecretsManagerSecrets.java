package dev.jetway.aws.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.core.json.Json;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * Reads secrets with GetSecretValue, once per secret for the life of this object (a Lambda
 * instance): a rotated secret is seen by instances started after the rotation. Values are kept
 * in memory only and appear in no message.
 */
public final class SecretsManagerSecrets {

    private final SecretsManagerClient client;
    private final Map<String, String> secretStrings = new ConcurrentHashMap<>();

    public SecretsManagerSecrets(SecretsManagerClient client) {
        this.client = client;
    }

    /** @throws SecretUnavailableException naming the secret (and key), never its value */
    public String value(SecretReference reference) {
        String secret = secretStrings.computeIfAbsent(reference.secretId(), this::read);
        if (reference.jsonKey() == null) return secret;
        JsonNode field;
        try {
            field = Json.MAPPER.readTree(secret).get(reference.jsonKey());
        } catch (Exception e) {
            throw new SecretUnavailableException("secret '" + reference.secretId() + "' is not a JSON object, so it has no key '"
                    + reference.jsonKey() + "'");
        }
        if (field == null || field.isNull() || field.isContainerNode()) {
            throw new SecretUnavailableException("secret '" + reference.secretId() + "' has no text or number at key '"
                    + reference.jsonKey() + "'");
        }
        return field.asText();
    }

    private String read(String secretId) {
        GetSecretValueResponse response;
        try {
            response = client.getSecretValue(r -> r.secretId(secretId));
        } catch (ResourceNotFoundException e) {
            throw new SecretUnavailableException("secret '" + secretId + "' does not exist in this account and region", e);
        } catch (SecretsManagerException e) {
            throw new SecretUnavailableException("reading secret '" + secretId + "' failed: "
                    + e.awsErrorDetails().errorCode() + " (check the function role's secretsmanager:GetSecretValue permission)", e);
        } catch (SdkException e) {
            throw new SecretUnavailableException("reading secret '" + secretId + "' failed: " + e.getClass().getSimpleName(), e);
        }
        if (response.secretString() == null) {
            throw new SecretUnavailableException("secret '" + secretId + "' holds binary data; a header needs a SecretString");
        }
        return response.secretString();
    }
}
