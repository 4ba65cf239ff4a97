package dev.jetway.infra;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

/**
 * One synth per config text, shared by every test that asks for it (a synth costs seconds: jsii
 * runs the CDK in Node). The functions jar is a small stand-in: the template does not depend on its
 * content, only on its hash.
 */
final class Synth {

    record Result(JetwayStack stack, Template template) {}

    private static final Map<String, Result> CACHE = new ConcurrentHashMap<>();

    private Synth() {}

    static Result of(String yaml) {
        return CACHE.computeIfAbsent(yaml, Synth::synth);
    }

    static DeploymentInputs inputs(String yaml) {
        try {
            Path dir = Files.createTempDirectory("jetway-infra-test");
            Path config = Files.writeString(dir.resolve("jetway.yaml"), yaml);
            Path jar = dir.resolve("jetway-functions-test.jar");
            try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.putNextEntry(new ZipEntry("README.txt"));
                zip.write("stand-in for the shaded functions jar".getBytes());
                zip.closeEntry();
            }
            return DeploymentInputs.load(config, jar);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Result synth(String yaml) {
        DeploymentInputs inputs = inputs(yaml);
        try {
            Path out = Files.createTempDirectory("jetway-cdk-out");
            App app = new App(AppProps.builder().outdir(out.toString()).build());
            JetwayStack stack = new JetwayStack(app, "Jetway", StackProps.builder().build(), inputs);
            return new Result(stack, Template.fromStack(stack));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
