package dev.jetway.functions;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * AWS Signature Version 4 for API Gateway ({@code execute-api}), both sides, with the AWS SDK's own
 * signer: a client signs what it sends; the emulated IAM authorizer verifies a request by signing it
 * again with the same credentials, signed headers and timestamp and comparing the signatures.
 */
final class SigV4 {

    static final String SERVICE = "execute-api";
    static final String REGION = "eu-west-1";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})");

    /** An IAM identity with its key: what a client signs with and what the authorizer knows of it. */
    record Identity(String accessKeyId, String secretKey, String sessionToken, String arn, String accountId) {
        AwsCredentialsIdentity credentials() {
            return sessionToken == null ? AwsCredentialsIdentity.create(accessKeyId, secretKey)
                    : AwsSessionCredentialsIdentity.create(accessKeyId, secretKey, sessionToken);
        }
    }

    private SigV4() {}

    /** The headers a client adds to sign the request: Authorization, X-Amz-Date and, for session credentials, X-Amz-Security-Token. */
    static Map<String, String> sign(String method, URI uri, byte[] body, Identity identity, Clock clock) {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri).build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(identity.credentials()).request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                .putProperty(AwsV4HttpSigner.REGION_NAME, REGION)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock)).request();
        Map<String, String> headers = new LinkedHashMap<>();
        signed.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) headers.put(name, values.get(0));
        });
        return headers;
    }

    /**
     * Why API Gateway would refuse the request, or empty when its signature is valid for one of
     * {@code identities} and not older than five minutes.
     *
     * @param headers lower-case names as received
     */
    static Optional<String> refusal(String method, URI uri, Map<String, String> headers, byte[] body,
                                    Map<String, Identity> identities, Instant now) {
        String authorization = headers.get("authorization");
        if (authorization == null || headers.get("x-amz-date") == null) return Optional.of("Forbidden");
        Matcher m = AUTHORIZATION.matcher(authorization);
        if (!m.matches()) return Optional.of("Authorization header requires 'Credential', 'Signature' and 'SignedHeaders'.");
        Identity identity = identities.get(m.group(1));
        if (identity == null) return Optional.of("The security token included in the request is invalid.");
        if (!m.group(4).equals(SERVICE)) return Optional.of("Credential should be scoped to correct service: 'execute-api'.");
        Instant signedAt = LocalDateTime.parse(headers.get("x-amz-date"), AMZ_DATE).toInstant(ZoneOffset.UTC);
        if (Math.abs(now.getEpochSecond() - signedAt.getEpochSecond()) > 300) return Optional.of("Signature expired");
        if (identity.sessionToken() != null && !identity.sessionToken().equals(headers.get("x-amz-security-token"))) {
            return Optional.of("The security token included in the request is invalid.");
        }
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
        for (String name : m.group(5).split(";")) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (List.of("host", "x-amz-date", "x-amz-security-token").contains(lower)) continue;
            if (!headers.containsKey(lower)) return Optional.of("a signed header is missing: " + lower);
            request.putHeader(lower, headers.get(lower));
        }
        SdkHttpRequest unsigned = request.build();
        SdkHttpRequest expected = AwsV4HttpSigner.create().sign(r -> r.identity(identity.credentials()).request(unsigned)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                .putProperty(AwsV4HttpSigner.REGION_NAME, m.group(3))
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC))).request();
        String expectedAuthorization = expected.firstMatchingHeader("Authorization").orElse("");
        if (!expectedAuthorization.replace(", ", ",").equals(authorization.replace(", ", ","))) {
            return Optional.of("The request signature we calculated does not match the signature you provided. "
                    + "Check your AWS Secret Access Key and signing method.");
        }
        return Optional.empty();
    }

    static byte[] utf8(String text) {
        return text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
    }
}
