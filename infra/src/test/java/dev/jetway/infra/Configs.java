package dev.jetway.infra;

/** The configs the tests synthesize. */
final class Configs {

    private Configs() {}

    /** Remote and lambda providers only, a secret in a header, a JWT authorizer: no VPC. */
    static final String SERVERLESS = """
            gateway:
              allowed_hosts: ["*"]
              request_timeout_s: 25
            providers:
              weather:
                mode: remote
                url: https://weather.example.com/mcp
                health_check_interval_s: 120
                headers:
                  Authorization: "Bearer ${secretsmanager:prod/weather#token}"
              calc:
                mode: lambda
                url: mcp-calc:live
                health_check_interval_s: 180
            aws:
              jwt:
                issuer: https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Abc
                audience: [jetway-client]
            """;

    /** Two container providers (one with a secret, one from ECR) behind NAT. */
    static final String CONTAINERS_NAT = """
            providers:
              fetch:
                mode: container
                image: mcp/fetch:latest
                env: {LOG_LEVEL: info}
              search:
                mode: container
                image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/mcp-search:1.2
              docs:
                mode: remote
                url: https://docs.example.com/mcp
            aws:
              containers:
                fetch: {cpu: 512, memory: 1024, port: 8000}
                search:
                  cpu: 256
                  memory: 512
                  architecture: arm64
                  secrets: {API_KEY: "prod/search#api_key"}
            """;

    /** One container provider from ECR with VPC endpoints instead of NAT. */
    static final String CONTAINERS_ENDPOINTS = """
            providers:
              search:
                mode: container
                image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/mcp-search:1.2
            aws:
              vpc: {egress: endpoints}
            """;
}
