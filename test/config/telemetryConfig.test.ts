import { ConfigError } from '../../src/errors/configError';
import { applyExporterEnvironment, loadTelemetryConfig } from '../../src/config/telemetryConfig';

const CONNECTION = 'InstrumentationKey=00000000-0000-4000-8000-000000000001;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/';

describe('telemetry configuration', () => {
  it('is off without either backend, and with OTEL_SDK_DISABLED', () => {
    expect(loadTelemetryConfig({})).toBeUndefined();
    expect(loadTelemetryConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: CONNECTION, OTEL_SDK_DISABLED: 'true' })).toBeUndefined();
  });

  it('reads both backends, the metric interval and App Service resource attributes', () => {
    const config = loadTelemetryConfig({
      APPLICATIONINSIGHTS_CONNECTION_STRING: CONNECTION,
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/',
      OTEL_EXPORTER_OTLP_HEADERS: 'api-key=a%20b,x=1',
      OTEL_METRIC_EXPORT_INTERVAL: '15000',
      WEBSITE_SITE_NAME: 'chat-starter-prod',
      WEBSITE_INSTANCE_ID: 'abc123',
      REGION_NAME: 'West Europe',
    });
    expect(config).toEqual({
      azureMonitor: { connectionString: CONNECTION },
      otlp: { endpoint: 'http://collector:4318', headers: { 'api-key': 'a b', x: '1' } },
      metricIntervalMs: 15000,
      statsbeat: false,
      resource: {
        'service.name': 'chat-starter',
        'service.namespace': 'chat-starter-prod',
        'cloud.provider': 'azure',
        'cloud.platform': 'azure_app_service',
        'service.instance.id': 'abc123',
        'cloud.region': 'West Europe',
      },
    });
  });

  it.each([
    [{ APPLICATIONINSIGHTS_CONNECTION_STRING: 'IngestionEndpoint=https://x/' }, 'APPLICATIONINSIGHTS_CONNECTION_STRING'],
    [{ APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=k;IngestionEndpoint=http://127.0.0.1:1/' }, 'APPLICATIONINSIGHTS_CONNECTION_STRING'],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }, 'OTEL_EXPORTER_OTLP_ENDPOINT'],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_METRIC_EXPORT_INTERVAL: 'soon' }, 'OTEL_METRIC_EXPORT_INTERVAL'],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_EXPORTER_OTLP_HEADERS: 'nokey' }, 'OTEL_EXPORTER_OTLP_HEADERS'],
  ])('refuses %p, naming %s', (env, variable) => {
    expect(() => loadTelemetryConfig(env)).toThrow(ConfigError);
    expect(() => loadTelemetryConfig(env)).toThrow(variable);
  });

  it("turns Azure Monitor's statsbeat off the only way its exporter reads", () => {
    const env: Record<string, string | undefined> = {};
    applyExporterEnvironment(loadTelemetryConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: CONNECTION })!, env);
    expect(env).toMatchObject({ APPLICATION_INSIGHTS_NO_STATSBEAT: 'true', APPLICATIONINSIGHTS_STATSBEAT_DISABLED: 'true' });
  });
});
