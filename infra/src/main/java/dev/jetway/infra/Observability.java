package dev.jetway.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * The dashboard and alarms. Request metrics come from the gateway's EMF lines (namespace
 * {@code Jetway}; {@code RequestCount}, {@code Errors}, {@code Latency} in µs per {@code provider} ×
 * {@code tool} and per {@code service}; {@code ColdStart} per {@code service}; {@code ProviderStarts}
 * and {@code ProviderIdleStops} per {@code provider}); per-provider and per-tool graphs use SEARCH
 * expressions because tool names are only known at run time. Alarms cannot use SEARCH, so the error
 * rate alarm reads the {@code service} aggregate.
 */
final class Observability extends Construct {

    static final String NAMESPACE = "Jetway";
    private static final Duration PERIOD = Duration.minutes(5);

    final Dashboard dashboard;
    final Alarm errorRate;
    final Alarm deadLettersWaiting;
    final Alarm fanOutBehind;

    Observability(Construct scope, String id, HttpApi api, Map<String, JetwayFunction> functions,
                  JetwayFunction fanOut, Queue deadLetters) {
        super(scope, id);
        String stack = Stack.of(this).getStackName();

        Metric requests = serviceMetric("RequestCount");
        Metric errors = serviceMetric("Errors");
        MathExpression errorRatePercent = MathExpression.Builder.create()
                .expression("100 * errors / requests")
                .usingMetrics(Map.of("errors", errors, "requests", requests))
                .label("error rate (%)")
                .period(PERIOD)
                .build();
        errorRate = Alarm.Builder.create(this, "ErrorRate")
                .alarmDescription("More than 5% of MCP requests failed (JSON-RPC error, HTTP >= 400 or tool isError) in 2 of 3 five-minute periods")
                .metric(errorRatePercent)
                .threshold(5).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(3).datapointsToAlarm(2)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        deadLettersWaiting = Alarm.Builder.create(this, "FanOutDlqNotEmpty")
                .alarmDescription("Events the outbox could not deliver wait in the fan-out DLQ")
                .metric(deadLetters.metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                        .period(Duration.minutes(1)).statistic("Maximum").build()))
                .threshold(0).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        Metric iteratorAge = fanOut.function.metric("IteratorAge", MetricOptions.builder()
                .period(Duration.minutes(1)).statistic("Maximum").build());
        fanOutBehind = Alarm.Builder.create(this, "FanOutIteratorAge")
                .alarmDescription("The outbox is more than 5 minutes behind the event table for 3 minutes")
                .metric(iteratorAge)
                .threshold(Duration.minutes(5).toMilliseconds()).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(3)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();

        List<List<IWidget>> rows = new ArrayList<>();
        rows.add(List.of(TextWidget.Builder.create().width(24).height(2).markdown(
                "# Jetway (" + stack + ")\nRequests, errors and latency per provider × tool from the gateway's EMF metrics "
                        + "(namespace `Jetway`); latency in µs.").build()));
        rows.add(List.of(
                graph("Requests per provider × tool", search("{Jetway,provider,tool} MetricName=\"RequestCount\"", "Sum")),
                graph("Errors per provider × tool", search("{Jetway,provider,tool} MetricName=\"Errors\"", "Sum")),
                graph("All requests, errors, error rate", requests, errors, errorRatePercent)));
        rows.add(List.of(
                graph("Latency p50 (µs) per provider × tool", search("{Jetway,provider,tool} MetricName=\"Latency\"", "p50")),
                graph("Latency p99 (µs) per provider × tool", search("{Jetway,provider,tool} MetricName=\"Latency\"", "p99")),
                graph("API Gateway: requests, 4xx, 5xx", api.metricCount(), api.metricClientError(), api.metricServerError())));
        rows.add(List.of(
                graph("Cold starts", search("{Jetway,service} MetricName=\"ColdStart\"", "Sum")),
                graph("Provider starts", search("{Jetway,provider} MetricName=\"ProviderStarts\"", "Sum")),
                graph("Idle stops", search("{Jetway,provider} MetricName=\"ProviderIdleStops\"", "Sum"))));
        rows.add(List.of(
                graph("Fan-out iterator age (ms, max)", iteratorAge),
                graph("Fan-out DLQ depth", deadLetters.metricApproximateNumberOfMessagesVisible()),
                graph("Function errors", functions.values().stream()
                        .map(f -> (IMetric) f.function.metricErrors(MetricOptions.builder().label(f.getNode().getId()).build()))
                        .toArray(IMetric[]::new))));
        rows.add(List.of(
                graph("Function duration p99 (ms)", functions.values().stream()
                        .map(f -> (IMetric) f.function.metricDuration(MetricOptions.builder().statistic("p99")
                                .label(f.getNode().getId()).build()))
                        .toArray(IMetric[]::new)),
                graph("Function throttles", functions.values().stream()
                        .map(f -> (IMetric) f.function.metricThrottles(MetricOptions.builder().label(f.getNode().getId()).build()))
                        .toArray(IMetric[]::new)),
                graph("Gateway latency p99 (ms, API Gateway)", api.metricLatency(MetricOptions.builder().statistic("p99").build()))));
        dashboard = Dashboard.Builder.create(this, "Dashboard")
                .dashboardName(stack + "-jetway")
                .widgets(rows)
                .build();
    }

    private static Metric serviceMetric(String name) {
        return Metric.Builder.create().namespace(NAMESPACE).metricName(name)
                .dimensionsMap(Map.of("service", JetwayStack.SERVICE)).statistic("Sum").period(PERIOD).build();
    }

    private static MathExpression search(String query, String statistic) {
        return MathExpression.Builder.create()
                .expression("SEARCH('" + query + "', '" + statistic + "', " + PERIOD.toSeconds() + ")")
                .usingMetrics(Map.of())
                .label("")
                .period(PERIOD)
                .build();
    }

    private static GraphWidget graph(String title, IMetric... metrics) {
        return GraphWidget.Builder.create().title(title).width(8).height(6).left(List.of(metrics)).build();
    }
}
