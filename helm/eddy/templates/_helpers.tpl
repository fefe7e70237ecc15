{{/* Name of a release-scoped object: <release>-eddy, or <release> when the release is already called eddy... */}}
{{- define "eddy.fullname" -}}
{{- if contains "eddy" .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-eddy" .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Object name of one service: <fullname>-<service>. Argument: dict root service */}}
{{- define "eddy.serviceName" -}}
{{- printf "%s-%s" (include "eddy.fullname" .root) .service | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "eddy.labels" -}}
app.kubernetes.io/name: eddy
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: eddy
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* Selector labels of one service. Argument: dict root service */}}
{{- define "eddy.selectorLabels" -}}
app.kubernetes.io/name: eddy
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .service }}
{{- end -}}

{{- define "eddy.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "eddy.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* Image of one service: <registry>/eddy-<service>:<tag>; never untagged, never latest. Argument: dict root service */}}
{{- define "eddy.image" -}}
{{- $tag := default .root.Chart.AppVersion .root.Values.image.tag | toString -}}
{{- if or (eq $tag "latest") (eq $tag "") -}}
{{- fail "image.tag must be a fixed version (the chart's appVersion by default), not latest" -}}
{{- end -}}
{{- printf "%s/eddy-%s:%s" (trimSuffix "/" .root.Values.image.registry) .service $tag -}}
{{- end -}}

{{- define "eddy.tlsEnabled" -}}
{{- if or (eq .Values.kafka.security.protocol "SSL") (eq .Values.kafka.security.protocol "SASL_SSL") -}}true{{- end -}}
{{- end -}}

{{- define "eddy.saslEnabled" -}}
{{- if hasPrefix "SASL_" .Values.kafka.security.protocol -}}true{{- end -}}
{{- end -}}

{{- define "eddy.bootstrapServers" -}}
{{- if .Values.kafka.bootstrapServers -}}
{{- .Values.kafka.bootstrapServers -}}
{{- else -}}
{{- printf "%s-kafka-bootstrap:%s" .Values.strimzi.clusterName (ternary "9093" "9092" (eq (include "eddy.tlsEnabled" .) "true")) -}}
{{- end -}}
{{- end -}}

{{/* Name of the Secret holding a service's JAAS line. Argument: dict root key service */}}
{{- define "eddy.saslSecret" -}}
{{- $explicit := index .root.Values.kafka.sasl.existingSecrets .key -}}
{{- if $explicit -}}
{{- $explicit -}}
{{- else if .root.Values.strimzi.users.enabled -}}
{{- include "eddy.serviceName" (dict "root" .root "service" .service) -}}
{{- else -}}
{{- fail (printf "kafka.sasl.existingSecrets.%s is required with kafka.security.protocol %s (or enable strimzi.users)" .key .root.Values.kafka.security.protocol) -}}
{{- end -}}
{{- end -}}

{{- define "eddy.truststoreSecret" -}}
{{- default (printf "%s-cluster-ca-cert" .Values.strimzi.clusterName) .Values.kafka.truststore.existingSecret -}}
{{- end -}}

{{/*
Kafka connection environment of one service. Secrets are referenced, never copied into the manifest.
Argument: dict root key service streams(bool)
*/}}
{{- define "eddy.kafkaEnv" -}}
{{- $root := .root -}}
- name: KAFKA_BOOTSTRAP_SERVERS
  value: {{ include "eddy.bootstrapServers" $root | quote }}
- name: KAFKA_SECURITY_PROTOCOL
  value: {{ $root.Values.kafka.security.protocol | quote }}
{{- if .streams }}
- name: QUARKUS_KAFKA_STREAMS_BOOTSTRAP_SERVERS
  value: {{ include "eddy.bootstrapServers" $root | quote }}
- name: QUARKUS_KAFKA_STREAMS_SECURITY_PROTOCOL
  value: {{ $root.Values.kafka.security.protocol | quote }}
{{- end }}
{{- if eq (include "eddy.saslEnabled" $root) "true" }}
{{- $secret := include "eddy.saslSecret" . }}
- name: KAFKA_SASL_MECHANISM
  value: {{ $root.Values.kafka.security.saslMechanism | quote }}
- name: KAFKA_SASL_JAAS_CONFIG
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ $root.Values.kafka.sasl.jaasConfigKey }}
{{- if .streams }}
- name: QUARKUS_KAFKA_STREAMS_SASL_MECHANISM
  value: {{ $root.Values.kafka.security.saslMechanism | quote }}
- name: QUARKUS_KAFKA_STREAMS_SASL_JAAS_CONFIG
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ $root.Values.kafka.sasl.jaasConfigKey }}
{{- end }}
{{- end }}
{{- if eq (include "eddy.tlsEnabled" $root) "true" }}
- name: KAFKA_SSL_TRUSTSTORE_TYPE
  value: PEM
- name: KAFKA_SSL_TRUSTSTORE_LOCATION
  value: /etc/eddy/kafka-ca/{{ $root.Values.kafka.truststore.certificateKey }}
{{- if .streams }}
- name: QUARKUS_KAFKA_STREAMS_SSL_TRUSTSTORE_TYPE
  value: PEM
- name: QUARKUS_KAFKA_STREAMS_SSL_TRUSTSTORE_LOCATION
  value: /etc/eddy/kafka-ca/{{ $root.Values.kafka.truststore.certificateKey }}
{{- end }}
{{- end }}
{{- end -}}

{{/*
Non-secret Kafka client settings as -D system properties as well: a service that collects every kafka.* property by
name sees system properties under their own names, while environment variables only override names it already
knows. The JAAS line (a credential) is never put on the command line: it comes only from the Secret, as
KAFKA_SASL_JAAS_CONFIG. Argument: root
*/}}
{{- define "eddy.kafkaJavaOptions" -}}
{{- $opts := list (printf "-Dkafka.bootstrap.servers=%s" (include "eddy.bootstrapServers" .)) (printf "-Dkafka.security.protocol=%s" .Values.kafka.security.protocol) -}}
{{- if eq (include "eddy.saslEnabled" .) "true" -}}
{{- $opts = append $opts (printf "-Dkafka.sasl.mechanism=%s" .Values.kafka.security.saslMechanism) -}}
{{- end -}}
{{- if eq (include "eddy.tlsEnabled" .) "true" -}}
{{- $opts = append $opts "-Dkafka.ssl.truststore.type=PEM" -}}
{{- $opts = append $opts (printf "-Dkafka.ssl.truststore.location=/etc/eddy/kafka-ca/%s" .Values.kafka.truststore.certificateKey) -}}
{{- end -}}
{{- join " " $opts -}}
{{- end -}}

{{/* eddy.<service>.* settings as environment variables. Argument: dict settings service */}}
{{- define "eddy.settingsEnv" -}}
{{- $prefix := printf "EDDY_%s_" (.service | upper | replace "-" "_") -}}
{{- range $key, $value := .settings }}
- name: {{ printf "%s%s" $prefix ($key | upper | replace "-" "_" | replace "." "_") }}
  value: {{ $value | toString | quote }}
{{- end }}
{{- end -}}

{{/*
The container of one service: image, ports, probes, security, resources, Kafka and settings environment.
Argument: dict root key service values streams(bool) javaOptions(string) env(list) mounts(list)
*/}}
{{- define "eddy.container" -}}
{{- $root := .root -}}
{{- $v := .values -}}
- name: {{ .service }}
  image: {{ include "eddy.image" (dict "root" $root "service" .service) }}
  imagePullPolicy: {{ $root.Values.image.pullPolicy }}
  ports:
    - name: http
      containerPort: {{ $v.port }}
      protocol: TCP
  env:
    - name: POD_NAME
      valueFrom:
        fieldRef:
          fieldPath: metadata.name
    - name: POD_NAMESPACE
      valueFrom:
        fieldRef:
          fieldPath: metadata.namespace
    - name: QUARKUS_HTTP_PORT
      value: {{ $v.port | quote }}
    - name: {{ $root.Values.image.javaOptionsVariable }}
      value: {{ printf "%s %s %s" $root.Values.jvmOptions (include "eddy.kafkaJavaOptions" $root) (default "" .javaOptions) | trim | quote }}
    {{- with $root.Values.gcOptions }}
    - name: {{ $root.Values.image.gcOptionsVariable }}
      value: {{ . | quote }}
    {{- end }}
    {{- include "eddy.kafkaEnv" (dict "root" $root "key" .key "service" .service "streams" .streams) | nindent 4 }}
    {{- with .env }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
    {{- with include "eddy.settingsEnv" (dict "settings" $v.settings "service" .service) }}
    {{- . | trim | nindent 4 }}
    {{- end }}
    {{- with $v.extraEnv }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  startupProbe:
    httpGet:
      path: /q/health/started
      port: http
    periodSeconds: {{ $root.Values.probes.startup.periodSeconds }}
    failureThreshold: {{ $root.Values.probes.startup.failureThreshold }}
  livenessProbe:
    httpGet:
      path: /q/health/live
      port: http
    periodSeconds: {{ $root.Values.probes.liveness.periodSeconds }}
    timeoutSeconds: {{ $root.Values.probes.liveness.timeoutSeconds }}
    failureThreshold: {{ $root.Values.probes.liveness.failureThreshold }}
  readinessProbe:
    httpGet:
      path: /q/health/ready
      port: http
    periodSeconds: {{ $root.Values.probes.readiness.periodSeconds }}
    timeoutSeconds: {{ $root.Values.probes.readiness.timeoutSeconds }}
    failureThreshold: {{ $root.Values.probes.readiness.failureThreshold }}
  resources:
    {{- toYaml $v.resources | nindent 4 }}
  securityContext:
    {{- toYaml $root.Values.securityContext | nindent 4 }}
  volumeMounts:
    - name: tmp
      mountPath: /tmp
    {{- if eq (include "eddy.tlsEnabled" $root) "true" }}
    - name: kafka-ca
      mountPath: /etc/eddy/kafka-ca
      readOnly: true
    {{- end }}
    {{- with .mounts }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
{{- end -}}

{{/* Pod-level volumes every service has. Argument: root */}}
{{- define "eddy.commonVolumes" -}}
# The JVM and RocksDB (native library extraction) need a writable /tmp; the root filesystem is read-only.
- name: tmp
  emptyDir:
    sizeLimit: 256Mi
{{- if eq (include "eddy.tlsEnabled" .) "true" }}
- name: kafka-ca
  secret:
    secretName: {{ include "eddy.truststoreSecret" . }}
    items:
      - key: {{ .Values.kafka.truststore.certificateKey }}
        path: {{ .Values.kafka.truststore.certificateKey }}
{{- end }}
{{- end -}}

{{/* Pod spec fields shared by all services. Argument: dict root values */}}
{{- define "eddy.podCommon" -}}
serviceAccountName: {{ include "eddy.serviceAccountName" .root }}
automountServiceAccountToken: false
securityContext:
  {{- toYaml .root.Values.podSecurityContext | nindent 2 }}
{{- with .root.Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}
