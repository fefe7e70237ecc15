package io.strimzi.crdgenerator;

import io.fabric8.kubernetes.client.CustomResource;
import io.strimzi.api.annotations.ApiVersion;
import io.strimzi.api.annotations.KubeVersion;
import java.io.IOException;
import java.io.StringWriter;

/**
 * Bridge to Strimzi's CRD generator, whose class is package-private: it is the only public way in short of its
 * command line (which calls System.exit on errors and would end the test JVM). Lives in Strimzi's package for that
 * reason alone.
 */
public final class CrdYaml {

    private CrdYaml() {
    }

    /** The CustomResourceDefinition of a Strimzi kind as YAML, with every API version the model declares. */
    public static String of(Class<? extends CustomResource> kind) throws IOException {
        StringWriter yaml = new StringWriter();
        new CrdGenerator(KubeVersion.V1_16_PLUS, ApiVersion.V1).generate(kind, yaml);
        return yaml.toString();
    }
}
