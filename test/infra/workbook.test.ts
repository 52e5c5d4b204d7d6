import { readFileSync } from 'node:fs';
import path from 'node:path';
import { METRICS } from '../../src/telemetry/openTelemetryReporter';

const INFRA = path.resolve(__dirname, '..', '..', 'infra');
const workbook = JSON.parse(readFileSync(path.join(INFRA, 'monitoring', 'chatStarterWorkbook.json'), 'utf8')) as { version: string; items: { type: number; name: string; content: { query?: string } }[] };
const queries = workbook.items.filter((item) => item.type === 3).map((item) => ({ name: item.name, query: item.content.query ?? '' }));

/** The workbook reads what the bot sends: a renamed metric or attribute must show up here. */
describe('the Chat Starter workbook', () => {
  it('is deployed with the infrastructure, over the Application Insights resource', () => {
    const main = readFileSync(path.join(INFRA, 'azure.bicep'), 'utf8');
    expect(main).toMatch(/module workbook '\.\/monitoring\/workbook\.bicep'/);
    expect(main).toMatch(/applicationInsightsId: appInsights\.id/);
    const module = readFileSync(path.join(INFRA, 'monitoring', 'workbook.bicep'), 'utf8');
    expect(module).toContain("loadTextContent('chatStarterWorkbook.json')");
    expect(module).toContain("'Microsoft.Insights/workbooks@");
    expect(workbook.version).toBe('Notebook/1.0');
  });

  it('has the four charts the issue asks for, each on metrics and attributes the bot sends', () => {
    expect(queries.map((entry) => entry.name)).toEqual(expect.arrayContaining(['chatsPerHour', 'refusalsByReason', 'graphThrottling', 'timeToLink']));
    const sent = new Set<string>(Object.values(METRICS));
    for (const { query } of queries) {
      for (const [, name] of query.matchAll(/name == '(chatstarter\.[a-z_.]+)'/g)) expect(sent).toContain(name);
    }
    expect(queries.find((entry) => entry.name === 'chatsPerHour')!.query).toContain("customDimensions['entry_point']");
    expect(queries.find((entry) => entry.name === 'refusalsByReason')!.query).toContain("customDimensions['reason']");
    expect(queries.find((entry) => entry.name === 'timeToLink')!.query).toMatch(/chatstarter\.outcome'\]\) == 'chat_created'[\s\S]*percentile\(duration, 95\)/);
  });
});
