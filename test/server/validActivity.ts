/** The smallest Teams message the edge's activity check accepts: what its tests vary. */
export const VALID_ACTIVITY = {
  type: 'message',
  id: '1',
  serviceUrl: 'https://smba.trafficmanager.net/emea/',
  channelId: 'msteams',
  from: { id: '29:a', aadObjectId: 'a' },
  conversation: { id: 'c', tenantId: 't' },
  channelData: { tenant: { id: 't' } },
  text: 'help',
};
