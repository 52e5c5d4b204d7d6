/**
 * Known Microsoft clouds. Graph's host selects the cloud; the Teams web host for deep links
 * follows from it. An unknown (private) Graph host is a stand-in such as the sandbox tenant.
 */
export interface CloudInfo {
  readonly graphHost: string;
  readonly authorityHost: string;
  readonly teamsHost: string;
}

export const KNOWN_CLOUDS: readonly CloudInfo[] = [
  { graphHost: 'graph.microsoft.com', authorityHost: 'login.microsoftonline.com', teamsHost: 'teams.microsoft.com' },
  { graphHost: 'graph.microsoft.us', authorityHost: 'login.microsoftonline.us', teamsHost: 'gov.teams.microsoft.us' },
  { graphHost: 'dod-graph.microsoft.us', authorityHost: 'login.microsoftonline.us', teamsHost: 'dod.teams.microsoft.us' },
  { graphHost: 'microsoftgraph.chinacloudapi.cn', authorityHost: 'login.chinacloudapi.cn', teamsHost: 'teams.microsoftonline.cn' },
];

export function cloudForGraphHost(host: string): CloudInfo | undefined {
  return KNOWN_CLOUDS.find((cloud) => cloud.graphHost === host.toLowerCase());
}

export function isKnownAuthorityHost(host: string): boolean {
  return KNOWN_CLOUDS.some((cloud) => cloud.authorityHost === host.toLowerCase());
}
