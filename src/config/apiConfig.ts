import { ConfigError } from '../errors/configError';
import { ObjectIdFormat, isObjectId } from '../entra/objectId';
import { isLoopbackHost, readUrl } from './urlVariable';

/** A system allowed to call the API: its Entra client id and the name the kickoff card shows. */
export interface ApiCaller {
  /** Lower case. */
  readonly clientId: string;
  readonly name: string;
}

/** `POST /api/chats` for other systems (docs/api.md). Absent from the config: the API is off (404). */
export interface ApiConfig {
  /** Accepted `aud` values: the API app's client id and/or its Application ID URI. */
  readonly audiences: readonly string[];
  readonly callers: readonly ApiCaller[];
  /** Chats one caller may start in any 60 seconds. */
  readonly chatsPerMinute: number;
  /** The Bot Connector the kickoff is posted through: no Teams activity gives one to the API. */
  readonly teamsServiceUrl: string;
}

export const DEFAULT_API_CHATS_PER_MINUTE = 60;
export const DEFAULT_TEAMS_SERVICE_URL = 'https://smba.trafficmanager.net/teams/';
/** The kickoff card shows the name; a short line of plain text is enough. */
const CALLER_NAME_MAX = 80;
// Control characters, and the characters that would make a name markup in a card or a log.
// eslint-disable-next-line no-control-regex
const CALLER_NAME_FORBIDDEN = /[\u0000-\u001f\u007f<>*_`[\]]/;

/**
 * API_AUDIENCE, API_CALLERS, API_CHATS_PER_MINUTE, TEAMS_SERVICE_URL. Off (undefined) unless both
 * API_AUDIENCE and API_CALLERS are set; one without the other is a mistake worth stopping for.
 */
export function readApiConfig(read: (name: string) => string, objectIds: ObjectIdFormat): ApiConfig | undefined {
  const audienceRaw = read('API_AUDIENCE');
  const callersRaw = read('API_CALLERS');
  if (audienceRaw === '' && callersRaw === '') return undefined;
  if (audienceRaw === '') throw new ConfigError('API_AUDIENCE', 'is required when API_CALLERS is set (the API app registration\'s client id or Application ID URI)');
  if (callersRaw === '') throw new ConfigError('API_CALLERS', 'is required when API_AUDIENCE is set (<client id>=<name>;… of the apps allowed to call)');
  return {
    audiences: readAudiences(audienceRaw),
    callers: readCallers(callersRaw, objectIds),
    chatsPerMinute: readChatsPerMinute(read('API_CHATS_PER_MINUTE')),
    teamsServiceUrl: readServiceUrl(read('TEAMS_SERVICE_URL') || DEFAULT_TEAMS_SERVICE_URL),
  };
}

/** Comma-separated: v1.0 tokens carry whichever of the two the caller asked for. */
function readAudiences(raw: string): string[] {
  const audiences = raw.split(',').map((value) => value.trim()).filter((value) => value !== '');
  for (const audience of audiences) {
    if (/\s/.test(audience) || audience.length > 256) throw new ConfigError('API_AUDIENCE', `"${audience}" is not a client id or an Application ID URI`);
  }
  if (audiences.length === 0) throw new ConfigError('API_AUDIENCE', 'names no audience');
  return audiences;
}

function readCallers(raw: string, objectIds: ObjectIdFormat): ApiCaller[] {
  const callers: ApiCaller[] = [];
  for (const entry of raw.split(';').map((part) => part.trim()).filter((part) => part !== '')) {
    const equals = entry.indexOf('=');
    const clientId = (equals < 0 ? entry : entry.slice(0, equals)).trim().toLowerCase();
    const name = equals < 0 ? '' : entry.slice(equals + 1).trim();
    if (!isObjectId(clientId, objectIds)) throw new ConfigError('API_CALLERS', `"${clientId}" is not a client id (a GUID); write <client id>=<name>;…`);
    if (name === '') throw new ConfigError('API_CALLERS', `${clientId} has no name; write <client id>=<name> (the name the kickoff card shows)`);
    if (name.length > CALLER_NAME_MAX || CALLER_NAME_FORBIDDEN.test(name)) {
      throw new ConfigError('API_CALLERS', `the name of ${clientId} must be plain text of at most ${CALLER_NAME_MAX} characters`);
    }
    if (callers.some((caller) => caller.clientId === clientId)) throw new ConfigError('API_CALLERS', `${clientId} is listed twice`);
    callers.push({ clientId, name });
  }
  if (callers.length === 0) throw new ConfigError('API_CALLERS', 'names no caller');
  return callers;
}

function readChatsPerMinute(raw: string): number {
  if (raw === '') return DEFAULT_API_CHATS_PER_MINUTE;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > 10_000) throw new ConfigError('API_CHATS_PER_MINUTE', `must be a whole number from 1 to 10000, not "${raw}"`);
  return value;
}

/** https, or http on loopback (a local Bot Connector stand-in). Ends with a slash, as Teams' do. */
function readServiceUrl(raw: string): string {
  const url = readUrl('TEAMS_SERVICE_URL', raw);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) throw new ConfigError('TEAMS_SERVICE_URL', `must be an https:// URL, not "${raw}"`);
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}
