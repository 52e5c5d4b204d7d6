import { ChannelNotSupportedError, TenantNotAllowedError, UnknownRequesterError } from '../errors';
import { TurnInfo } from '../turn/turnInfo';

const TEAMS_CHANNEL = 'msteams';

/** Only Teams vouches for `channelData.tenant` and `aadObjectId`; other channels are refused. */
export function isAllowedTenant(turn: TurnInfo, allowedTenantIds: readonly string[]): boolean {
  return turn.channelId === TEAMS_CHANNEL && turn.tenantId !== undefined && allowedTenantIds.includes(turn.tenantId);
}

export function requireAllowedTenant(turn: TurnInfo, allowedTenantIds: readonly string[]): void {
  if (turn.channelId !== TEAMS_CHANNEL) throw new ChannelNotSupportedError(turn.channelId);
  if (!isAllowedTenant(turn, allowedTenantIds)) throw new TenantNotAllowedError(turn.tenantId);
}

/** Starting a chat needs to know who asks (their Entra object id). */
export function requireRequester(turn: TurnInfo): void {
  if (turn.requesterId === '') throw new UnknownRequesterError();
}
