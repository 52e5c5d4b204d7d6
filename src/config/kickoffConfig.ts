import { ConfigError } from '../errors/configError';

/** Posting the kickoff card into each chat the bot creates (see docs/deploy.md for the permissions). */
export interface KickoffConfig {
  readonly enabled: boolean;
  /** The Teams app's manifest id (`TEAMS_APP_ID`): how the catalog id is looked up. */
  readonly manifestAppId?: string;
  /** The app's id in the org app catalog (`TEAMS_APP_CATALOG_ID`): skips the look-up. */
  readonly catalogAppId?: string;
}

/** Ids go into a Graph URL and an OData literal; anything but these characters is a typo. */
const APP_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** KICKOFF (on|off, default on), TEAMS_APP_ID, TEAMS_APP_CATALOG_ID. */
export function readKickoffConfig(read: (name: string) => string): KickoffConfig {
  const raw = read('KICKOFF').toLowerCase() || 'on';
  if (raw !== 'on' && raw !== 'off') throw new ConfigError('KICKOFF', `must be on or off, not "${read('KICKOFF')}"`);
  const manifestAppId = read('TEAMS_APP_ID');
  const catalogAppId = read('TEAMS_APP_CATALOG_ID');
  if (manifestAppId !== '' && !APP_ID.test(manifestAppId)) throw new ConfigError('TEAMS_APP_ID', `is not a Teams app id (the manifest "id", a GUID): "${manifestAppId}"`);
  if (catalogAppId !== '' && !APP_ID.test(catalogAppId)) throw new ConfigError('TEAMS_APP_CATALOG_ID', `is not an app catalog id (a GUID): "${catalogAppId}"`);
  return {
    enabled: raw === 'on',
    ...(manifestAppId !== '' ? { manifestAppId } : {}),
    ...(catalogAppId !== '' ? { catalogAppId } : {}),
  };
}
