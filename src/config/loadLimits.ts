import { ConfigError } from '../errors/configError';
import { AbuseLimitsConfig, EdgeConfig } from './appConfig';

import { MEMBERS_AT_CREATION_MAX } from './teamsChatLimits';

export const DEFAULT_ABUSE_LIMITS: AbuseLimitsConfig = {
  chatsPerMinute: 10,
  chatsPerDay: 200,
  // A new chat starts with at most the people Graph adds at creation.
  peoplePerChat: MEMBERS_AT_CREATION_MAX,
  // 199 addresses of ~30 characters, with separators, fit; a novel does not.
  textLength: 8_000,
  groupConfirmAbove: 20,
};

export const DEFAULT_EDGE: EdgeConfig = {
  maxBodyBytes: 256 * 1024,
  maxInflationRatio: 100,
  bodyReadTimeoutMs: 10_000,
};

/**
 * Abuse limits and request-edge limits from the environment. Every limit has a default a real
 * tenant accepts; a variable can only tighten or loosen it within what Teams allows.
 */
export function loadLimits(read: (name: string) => string): { limits: AbuseLimitsConfig; edge: EdgeConfig } {
  return {
    limits: {
      chatsPerMinute: positiveInteger(read, 'LIMIT_CHATS_PER_MINUTE', DEFAULT_ABUSE_LIMITS.chatsPerMinute, 10_000),
      chatsPerDay: positiveInteger(read, 'LIMIT_CHATS_PER_DAY', DEFAULT_ABUSE_LIMITS.chatsPerDay, 1_000_000),
      peoplePerChat: positiveInteger(read, 'LIMIT_PEOPLE_PER_CHAT', DEFAULT_ABUSE_LIMITS.peoplePerChat, MEMBERS_AT_CREATION_MAX, 2),
      textLength: positiveInteger(read, 'LIMIT_TEXT_LENGTH', DEFAULT_ABUSE_LIMITS.textLength, 100_000, 20),
      // 0 asks every time a group is named; 200 (a whole chat) never asks.
      groupConfirmAbove: positiveInteger(read, 'GROUP_CONFIRM_ABOVE', DEFAULT_ABUSE_LIMITS.groupConfirmAbove, MEMBERS_AT_CREATION_MAX, 0),
    },
    edge: {
      maxBodyBytes: DEFAULT_EDGE.maxBodyBytes,
      maxInflationRatio: DEFAULT_EDGE.maxInflationRatio,
      bodyReadTimeoutMs: positiveInteger(read, 'BODY_READ_TIMEOUT_MS', DEFAULT_EDGE.bodyReadTimeoutMs, 120_000, 100),
    },
  };
}

function positiveInteger(read: (name: string) => string, name: string, fallback: number, max: number, min = 1): number {
  const raw = read(name);
  if (raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max}, not "${raw}"`);
  }
  return value;
}
