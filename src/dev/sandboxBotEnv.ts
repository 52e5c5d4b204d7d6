import type { SandboxTenant } from '../sandbox';

/**
 * The environment that points the bot at a sandbox tenant in anonymous local mode: the same
 * variables an operator sets for a real tenant, with the sandbox's authority and Graph host.
 */
export function sandboxBotEnv(sandbox: SandboxTenant): Record<string, string> {
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
  };
}
