package dev.jetway.aws.lambda;

import java.util.regex.Pattern;

/**
 * The function a {@code lambda} provider invokes, from its {@code url}: a name
 * ({@code mcp-weather}), a name with a version or alias ({@code mcp-weather:live}), or a function
 * ARN with or without one. The qualifier is sent as the Invoke API's {@code Qualifier}.
 *
 * @param functionName the name or the unqualified ARN
 * @param qualifier a version or alias, or null for {@code $LATEST}
 */
public record FunctionTarget(String functionName, String qualifier) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern QUALIFIER = Pattern.compile("\\$LATEST|[A-Za-z0-9_-]{1,128}");
    private static final Pattern ARN = Pattern.compile(
            "(arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:function:[A-Za-z0-9_-]{1,64})(?::(\\$LATEST|[A-Za-z0-9_-]{1,128}))?");

    public FunctionTarget {
        if (functionName == null || !(NAME.matcher(functionName).matches() || ARN.matcher(functionName).matches())) {
            throw new IllegalArgumentException("'" + functionName + "' is not a Lambda function name or ARN");
        }
        if (qualifier != null && !QUALIFIER.matcher(qualifier).matches()) {
            throw new IllegalArgumentException("'" + qualifier + "' is not a Lambda version or alias");
        }
    }

    /** @throws IllegalArgumentException saying which forms are accepted */
    public static FunctionTarget parse(String url) {
        String text = url == null ? "" : url.trim();
        var arn = ARN.matcher(text);
        if (arn.matches()) return new FunctionTarget(arn.group(1), arn.group(2));
        int colon = text.indexOf(':');
        String name = colon < 0 ? text : text.substring(0, colon);
        String qualifier = colon < 0 ? null : text.substring(colon + 1);
        if (!NAME.matcher(name).matches() || (qualifier != null && !QUALIFIER.matcher(qualifier).matches())) {
            throw new IllegalArgumentException("'" + url + "' does not name a Lambda function; expected NAME, "
                    + "NAME:VERSION_OR_ALIAS or arn:aws:lambda:REGION:ACCOUNT:function:NAME[:VERSION_OR_ALIAS]");
        }
        return new FunctionTarget(name, qualifier);
    }

    @Override
    public String toString() {
        return qualifier == null ? functionName : functionName + ":" + qualifier;
    }
}
