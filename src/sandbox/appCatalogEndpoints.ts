import { GraphError } from './graphError';
import type { GraphContext, GraphRequest, GraphResponse } from './graphTypes';
import { FilterSyntaxError, UnknownPropertyError, evaluateFilter, parseFilter, type FilterSchema, type FilterNode } from './odataFilter';
import { requireAppCatalogRead } from './permissions';
import type { SandboxTeamsApp } from './types';

const FILTER_SCHEMA: FilterSchema = {
  scalar: new Set(['id', 'externalId', 'displayName', 'distributionMethod']),
  collections: new Set(),
};

/** A `teamsApp` as Graph returns it (the catalog entry, not its definitions). */
export function teamsAppResource(app: SandboxTeamsApp): Record<string, unknown> {
  return { id: app.id, externalId: app.externalId, displayName: app.displayName, distributionMethod: app.distributionMethod };
}

/** `GET /appCatalogs/teamsApps[?$filter=externalId eq '…']`. */
export function listTeamsApps(ctx: GraphContext, request: GraphRequest): GraphResponse {
  requireAppCatalogRead(ctx.tenant.app);
  let apps = ctx.tenant.catalog.list();
  const filterText = request.query['$filter'];
  if (filterText !== undefined) {
    const filter = parseCatalogFilter(filterText);
    apps = apps.filter((app) => evaluateFilter(filter, (name) => readProperty(app, name)));
  }
  return {
    status: 200,
    body: { '@odata.context': `${ctx.tenant.origin}/v1.0/$metadata#appCatalogs/teamsApps`, value: apps.map(teamsAppResource) },
  };
}

/** `GET /appCatalogs/teamsApps/{id}`. */
export function getTeamsApp(ctx: GraphContext, id: string): GraphResponse {
  requireAppCatalogRead(ctx.tenant.app);
  const app = ctx.tenant.catalog.findById(id);
  if (!app) throw new GraphError(404, 'NotFound', `The app '${id}' was not found in the app catalog.`);
  return { status: 200, body: { '@odata.context': `${ctx.tenant.origin}/v1.0/$metadata#appCatalogs/teamsApps/$entity`, ...teamsAppResource(app) } };
}

function readProperty(app: SandboxTeamsApp, name: string): string | undefined {
  switch (name) {
    case 'id': return app.id;
    case 'externalId': return app.externalId;
    case 'displayName': return app.displayName;
    case 'distributionMethod': return app.distributionMethod;
    default: return undefined;
  }
}

function parseCatalogFilter(text: string): FilterNode {
  try {
    return parseFilter(text, FILTER_SCHEMA);
  } catch (error) {
    if (error instanceof UnknownPropertyError) {
      throw new GraphError(400, 'BadRequest', `Could not find a property named '${error.property}' on type 'microsoft.graph.teamsApp'.`);
    }
    if (error instanceof FilterSyntaxError) throw new GraphError(400, 'BadRequest', 'Invalid filter clause');
    throw error;
  }
}
