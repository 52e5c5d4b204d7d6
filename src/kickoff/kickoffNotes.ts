import type { KickoffOutcome } from './kickoffTypes';

const NOT_POSTED = "I couldn't post the opening message in the chat";

/**
 * The sentence the result card shows when the kickoff card is not in the chat: what happened and
 * what an admin can do. Nothing when it was posted.
 */
export function kickoffNote(outcome: KickoffOutcome): string | undefined {
  if (outcome.kind === 'posted') return undefined;
  switch (outcome.problem) {
    case 'notConfigured':
      return `${NOT_POSTED}: the bot doesn't know its Teams app id. An admin can set TEAMS_APP_ID (or TEAMS_APP_CATALOG_ID) for the bot, or KICKOFF=off.`;
    case 'permissionMissing':
      return `${NOT_POSTED}: Chat Starter lacks the Microsoft Graph permission ${outcome.permission ?? 'it needs'}. An admin can grant it, with admin consent, to the app.`;
    case 'catalogAppMissing':
      return `${NOT_POSTED}: Chat Starter isn't in your organization's Teams app catalog. An admin can upload it in the Teams admin center (Manage apps).`;
    case 'installRefused':
      return `${NOT_POSTED}: Teams refused to add Chat Starter to the chat. An admin can check that your app permission and setup policies allow Chat Starter.`;
    case 'externalOneOnOne':
      return `${NOT_POSTED}: Teams allows no apps in a one-on-one chat with someone from another organization. Write the first message yourself.`;
    case 'notDelivered':
      return `${NOT_POSTED}: Teams didn't deliver it. Write the first message yourself; if this keeps happening, an admin can look for "kickoff" in the bot's logs.`;
    case 'notRecorded':
      return `${NOT_POSTED}: I couldn't record it first, and I never risk posting it twice. Write the first message yourself.`;
  }
}
