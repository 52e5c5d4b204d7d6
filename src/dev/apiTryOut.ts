import type { SandboxTenant } from '../sandbox';

/**
 * The shell line that starts a chat through `POST /api/chats` as a system would: a token for the
 * sandbox's API with the first caller app's client credentials, then the request. Empty when the
 * sandbox registers no API.
 */
export function apiTryOutCommand(sandbox: SandboxTenant, botUrl: string): string {
  const caller = sandbox.api?.callers.find((app) => app.roles.includes('Chats.Create'));
  if (!sandbox.api || !caller) return '';
  const tokenUrl = `${sandbox.origin}/${sandbox.tenantId}/oauth2/v2.0/token`;
  const body = JSON.stringify({ members: ['Megan Bowen', 'adelev@example.com'], requester: 'alexw@example.com', topic: 'Incident 4711', message: 'Paging the on-call team.' });
  return [
    `TOKEN=$(curl -s --cacert '${sandbox.caCertPath}' ${tokenUrl}`,
    ` -d grant_type=client_credentials -d client_id=${caller.clientId} -d client_secret=${caller.clientSecret}`,
    ` --data-urlencode scope=${sandbox.api.applicationIdUri}/.default | sed -E 's/.*"access_token":"([^"]+)".*/\\1/')`,
    ` && curl -s -i ${botUrl}/api/chats -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json'`,
    ` -H "Idempotency-Key: try-$(date +%s)" -d '${body}'`,
  ].join('');
}
