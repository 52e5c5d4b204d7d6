import type { SandboxTeamsApp } from './types';

/**
 * The tenant's Teams app catalog (apps an admin uploaded to the org store). Graph installs only
 * apps found here, never sideloaded ones; the catalog `id` differs from the manifest id
 * (`externalId`).
 */
export class TeamsAppCatalog {
  private apps: SandboxTeamsApp[];

  constructor(apps: readonly SandboxTeamsApp[]) {
    this.apps = apps.map((app) => ({ ...app }));
  }

  list(): SandboxTeamsApp[] {
    return this.apps.map((app) => ({ ...app }));
  }

  /** Replaces the whole catalog (a test that needs "the app was never uploaded" passes []). */
  set(apps: readonly SandboxTeamsApp[]): void {
    this.apps = apps.map((app) => ({ ...app }));
  }

  findById(id: string): SandboxTeamsApp | undefined {
    return this.apps.find((app) => app.id.toLowerCase() === id.toLowerCase());
  }
}
