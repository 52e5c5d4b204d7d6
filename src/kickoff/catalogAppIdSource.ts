import type { CallOptions, ChatAppsApi } from '../graph/graphTypes';

/** Why the app's catalog id is unknown: the kickoff cannot be installed, and an admin must act. */
export class CatalogAppMissing extends Error {
  constructor(readonly reason: 'notConfigured' | 'notInCatalog') {
    super(reason === 'notConfigured' ? 'Neither TEAMS_APP_ID nor TEAMS_APP_CATALOG_ID is set' : 'The Teams app is not in the org app catalog');
    this.name = 'CatalogAppMissing';
  }
}

export interface CatalogAppIdSourceOptions {
  readonly apps: ChatAppsApi;
  readonly manifestAppId?: string;
  readonly catalogAppId?: string;
}

/**
 * The bot's own Teams app id in the org catalog: configured (`TEAMS_APP_CATALOG_ID`), else looked up
 * once by the manifest id and kept for the life of this object (one per process, built at start).
 * Concurrent first requests share one look-up; a failed look-up is not kept, so the next request
 * tries again (an admin may have uploaded the app meanwhile).
 */
export class CatalogAppIdSource {
  private pending: Promise<string> | undefined;

  constructor(private readonly options: CatalogAppIdSourceOptions) {}

  get(options?: CallOptions): Promise<string> {
    if (this.options.catalogAppId !== undefined) return Promise.resolve(this.options.catalogAppId);
    const manifestAppId = this.options.manifestAppId;
    if (manifestAppId === undefined) return Promise.reject(new CatalogAppMissing('notConfigured'));
    this.pending ??= this.lookUp(manifestAppId, options).catch((error: unknown) => {
      this.pending = undefined;
      throw error;
    });
    return this.pending;
  }

  private async lookUp(manifestAppId: string, options: CallOptions | undefined): Promise<string> {
    const app = await this.options.apps.findCatalogApp(manifestAppId, options);
    if (!app) throw new CatalogAppMissing('notInCatalog');
    return app.id;
  }
}
