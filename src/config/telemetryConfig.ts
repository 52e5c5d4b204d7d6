import { ConfigError } from '../errors/configError';
import { readUrl } from './urlVariable';

/**
 * Where OpenTelemetry sends traces, metrics and warn+ logs. Read before anything else is loaded
 * (src/index.ts), from the variables below only: with neither backend set, telemetry is off and
 * no OpenTelemetry module is loaded at all.
 */
export interface TelemetryConfig {
  /** `APPLICATIONINSIGHTS_CONNECTION_STRING`: Azure Monitor's exporter (no distro: see docs/telemetry.md). */
  readonly azureMonitor?: { readonly connectionString: string };
  /** `OTEL_EXPORTER_OTLP_ENDPOINT` (+ `OTEL_EXPORTER_OTLP_HEADERS`): any OTLP/HTTP collector, JSON. */
  readonly otlp?: { readonly endpoint: string; readonly headers: Readonly<Record<string, string>> };
  /** `OTEL_METRIC_EXPORT_INTERVAL` (ms): how often metrics leave; they are flushed at shutdown too. */
  readonly metricIntervalMs: number;
  /**
   * Azure Monitor's statsbeat (the exporter reporting on itself to a Microsoft host, after asking
   * the instance metadata address) is always off: it is not our telemetry and a test machine must
   * never send it. Kept in config so the choice is visible in one place.
   */
  readonly statsbeat: false;
  /** Resource attributes: the service, and App Service's site and instance when it hosts us. */
  readonly resource: Readonly<Record<string, string>>;
}

const DEFAULT_METRIC_INTERVAL_MS = 60_000;

/**
 * Azure Monitor's exporter decides about statsbeat from the process environment alone (no
 * option): `APPLICATION_INSIGHTS_NO_STATSBEAT` stops it entirely (statsbeat, its instance
 * metadata probe of 169.254.169.254 and the SDK stats); the other two only trim parts of it.
 */
const EXPORTER_SELF_REPORTING_OFF: Readonly<Record<string, string>> = {
  APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
  APPLICATIONINSIGHTS_STATSBEAT_DISABLED: 'true',
  APPLICATIONINSIGHTS_SDKSTATS_DISABLED: 'true',
};

/** Tells Azure Monitor's exporter, the only way it listens, that statsbeat is off. Call before building it. */
export function applyExporterEnvironment(config: TelemetryConfig, env: Record<string, string | undefined> = process.env): void {
  if (!config.statsbeat) Object.assign(env, EXPORTER_SELF_REPORTING_OFF);
}

/** Undefined when telemetry is off (neither backend variable set, or `OTEL_SDK_DISABLED=true`). */
export function loadTelemetryConfig(env: Readonly<Record<string, string | undefined>>): TelemetryConfig | undefined {
  const read = (name: string): string => (env[name] ?? '').trim();
  if (read('OTEL_SDK_DISABLED').toLowerCase() === 'true') return undefined;
  const connectionString = read('APPLICATIONINSIGHTS_CONNECTION_STRING');
  const endpoint = read('OTEL_EXPORTER_OTLP_ENDPOINT').replace(/\/+$/, '');
  if (connectionString === '' && endpoint === '') return undefined;

  if (connectionString !== '') checkConnectionString(connectionString);
  if (endpoint !== '') checkEndpoint(endpoint);
  const intervalRaw = read('OTEL_METRIC_EXPORT_INTERVAL');
  const metricIntervalMs = intervalRaw === '' ? DEFAULT_METRIC_INTERVAL_MS : Number(intervalRaw);
  if (!/^\d+$/.test(intervalRaw || '0') || metricIntervalMs < 100 || metricIntervalMs > 3_600_000) {
    throw new ConfigError('OTEL_METRIC_EXPORT_INTERVAL', `must be milliseconds from 100 to 3600000, not "${intervalRaw}"`);
  }
  return Object.freeze({
    ...(connectionString !== '' ? { azureMonitor: { connectionString } } : {}),
    ...(endpoint !== '' ? { otlp: { endpoint, headers: parseHeaders(read('OTEL_EXPORTER_OTLP_HEADERS')) } } : {}),
    metricIntervalMs,
    statsbeat: false as const,
    resource: Object.freeze(resourceAttributes(read)),
  });
}

/** App Service sets these for every site; elsewhere the service name alone (or `OTEL_SERVICE_NAME`). */
function resourceAttributes(read: (name: string) => string): Record<string, string> {
  const attributes: Record<string, string> = { 'service.name': read('OTEL_SERVICE_NAME') || 'chat-starter' };
  const site = read('WEBSITE_SITE_NAME');
  if (site !== '') {
    attributes['cloud.provider'] = 'azure';
    attributes['cloud.platform'] = 'azure_app_service';
    attributes['service.namespace'] = site;
  }
  const optional: Record<string, string> = {
    'service.instance.id': read('WEBSITE_INSTANCE_ID'),
    'cloud.region': read('REGION_NAME'),
    'deployment.environment.name': read('WEBSITE_SLOT_NAME'),
    'host.id': read('WEBSITE_HOSTNAME'),
  };
  for (const [key, value] of Object.entries(optional)) if (value !== '') attributes[key] = value;
  return attributes;
}

function checkConnectionString(value: string): void {
  const fields = new Map(
    value.split(';').filter((part) => part.includes('=')).map((part) => [part.slice(0, part.indexOf('=')).trim().toLowerCase(), part.slice(part.indexOf('=') + 1).trim()]),
  );
  if (!fields.get('instrumentationkey')) {
    throw new ConfigError('APPLICATIONINSIGHTS_CONNECTION_STRING', 'is not an Application Insights connection string (it needs InstrumentationKey=…)');
  }
  const ingestion = fields.get('ingestionendpoint');
  if (ingestion !== undefined && !/^https:\/\//i.test(ingestion)) {
    throw new ConfigError('APPLICATIONINSIGHTS_CONNECTION_STRING', 'IngestionEndpoint must be an https:// URL (the exporter sends nothing over plain HTTP)');
  }
}

function checkEndpoint(value: string): void {
  const url = readUrl('OTEL_EXPORTER_OTLP_ENDPOINT', value);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError('OTEL_EXPORTER_OTLP_ENDPOINT', `must be an http(s):// URL (OTLP/HTTP), not "${value}"`);
}

/** `key=value,key2=value2`, values URL-encoded (the OpenTelemetry specification's format). */
function parseHeaders(raw: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of raw.split(',')) {
    const at = pair.indexOf('=');
    if (at <= 0) {
      if (pair.trim() !== '') throw new ConfigError('OTEL_EXPORTER_OTLP_HEADERS', 'must be key=value pairs separated by commas');
      continue;
    }
    headers[pair.slice(0, at).trim()] = decodeURIComponent(pair.slice(at + 1).trim());
  }
  return headers;
}
