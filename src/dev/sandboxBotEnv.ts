import type { SandboxTenant } from '../sandbox';

export interface SandboxBotEnvOptions {
  /**
   * Where the API's kickoff cards go (a Bot Connector on loopback). Given: `POST /api/chats` is on,
   * for every app registered to call the sandbox's API (env/sandbox-directory.json `callerApps`).
   */
  readonly teamsServiceUrl?: string;
}

/**
 * The environment that points the bot at a sandbox tenant in anonymous local mode: the same
 * variables an operator sets for a real tenant, with the sandbox's authority and Graph host.
 */
export function sandboxBotEnv(sandbox: SandboxTenant, options: SandboxBotEnvOptions = {}): Record<string, string> {
  // The sandbox's catalog holds the Chat Starter app: its manifest id lets the kickoff find it.
  const app = sandbox.teamsApps.list()[0];
  return {
    ...(app ? { TEAMS_APP_ID: app.externalId } : {}),
    NODE_EXTRA_CA_CERTS: sandbox.caCertPath,
    BOT_ID: '',
    AZURE_TENANT_ID: sandbox.tenantId,
    AZURE_CLIENT_ID: sandbox.clientId,
    AZURE_CLIENT_SECRET: sandbox.clientSecret,
    AZURE_AUTHORITY_HOST: sandbox.origin,
    GRAPH_ENDPOINT: sandbox.origin,
    ...(sandbox.api && options.teamsServiceUrl !== undefined ? sandboxApiEnv(sandbox.api, options.teamsServiceUrl) : {}),
  };
}

/** The API's variables for the sandbox's API registration: both audiences, every caller app by name. */
export function sandboxApiEnv(api: NonNullable<SandboxTenant['api']>, teamsServiceUrl: string): Record<string, string> {
  return {
    API_AUDIENCE: `${api.clientId},${api.applicationIdUri}`,
    API_CALLERS: api.callers.map((caller) => `${caller.clientId}=${caller.displayName.replace(/ \(sandbox\)$/, '')}`).join(';'),
    TEAMS_SERVICE_URL: teamsServiceUrl,
  };
}
