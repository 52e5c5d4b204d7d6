import type { Activity } from 'botbuilder';
import { readTenantId } from '../../src/bot/readTurnInfo';

const A = 'aaaaaaaa-0000-4000-8000-00000000000a';
const B = 'bbbbbbbb-0000-4000-8000-00000000000b';
const activity = (conversationTenant: unknown, channelTenant: unknown): Partial<Activity> =>
  ({
    conversation: { id: 'c', ...(conversationTenant !== undefined ? { tenantId: conversationTenant } : {}) },
    ...(channelTenant !== undefined ? { channelData: { tenant: { id: channelTenant } } } : {}),
  }) as unknown as Partial<Activity>;

describe('readTenantId', () => {
  it('reads the tenant when both places name it (any case)', () => {
    expect(readTenantId(activity(A, A.toUpperCase()))).toBe(A);
  });

  it('reads the tenant from whichever place names it', () => {
    expect(readTenantId(activity(undefined, A))).toBe(A);
    expect(readTenantId(activity(A, undefined))).toBe(A);
  });

  it('trusts neither when conversation.tenantId and channelData.tenant.id disagree', () => {
    expect(readTenantId(activity(A, B))).toBeUndefined();
    expect(readTenantId(activity(B, A))).toBeUndefined();
  });

  it('trusts neither when one of them is not a string', () => {
    expect(readTenantId(activity(A, { id: A }))).toBeUndefined();
    expect(readTenantId(activity(42, A))).toBeUndefined();
  });

  it('has no tenant when neither names one', () => {
    expect(readTenantId(activity(undefined, undefined))).toBeUndefined();
    expect(readTenantId(activity('', ''))).toBeUndefined();
  });
});
