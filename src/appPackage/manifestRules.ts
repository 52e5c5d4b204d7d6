import type { CommandInfo } from '../commands/catalog';
import { ACTION_COMMANDS, type ActionCommandInfo } from '../messageExtension/actionCommands';
import type { PackageProblem } from './appPackageError';
import { BOT_SCOPES, checkCommandLists } from './commandLists';
import { checkComposeExtensions } from './composeExtensionRules';
import { isRecord, stringAt } from './jsonValue';
import { findUnfilledPlaceholders } from './placeholders';

/**
 * Rules for a filled Chat Starter manifest that the Teams schema cannot state: no placeholder
 * left behind, the bot and its Entra app agree, domains are bare host names, icons sit at the
 * package root, the command menu matches the command catalog, and the message extension offers
 * the action commands the bot answers.
 */
export function checkManifestRules(manifest: unknown, commands: readonly CommandInfo[], actionCommands: readonly ActionCommandInfo[] = ACTION_COMMANDS): PackageProblem[] {
  if (!isRecord(manifest)) return [{ field: '(root)', message: 'manifest must be a JSON object' }];
  const problems: PackageProblem[] = [];
  for (const field of findUnfilledPlaceholders(manifest)) {
    problems.push({ field, message: 'still contains an unfilled ${{...}} placeholder' });
  }
  problems.push(...checkBot(manifest, commands));
  problems.push(...checkComposeExtensions(manifest, stringAt(firstBot(manifest), 'botId'), actionCommands));
  problems.push(...checkWebApplicationInfo(manifest));
  problems.push(...checkValidDomains(manifest['validDomains']));
  problems.push(...checkIconPaths(manifest['icons']));
  return problems;
}

/** The icon file names the manifest refers to (what the zip must contain besides the manifest). */
export function iconNamesOf(manifest: unknown): string[] {
  return (['color', 'outline'] as const).flatMap((key) => {
    const name = iconNameOf(manifest, key);
    return name === undefined ? [] : [name];
  });
}

export function iconNameOf(manifest: unknown, key: 'color' | 'outline'): string | undefined {
  return stringAt(isRecord(manifest) ? manifest['icons'] : undefined, key);
}

function firstBot(manifest: Record<string, unknown>): Record<string, unknown> | undefined {
  const bots = manifest['bots'];
  return Array.isArray(bots) && isRecord(bots[0]) ? bots[0] : undefined;
}

function checkBot(manifest: Record<string, unknown>, commands: readonly CommandInfo[]): PackageProblem[] {
  const bot = firstBot(manifest);
  if (!bot) return [{ field: 'bots', message: 'must declare the Chat Starter bot' }];
  const problems: PackageProblem[] = [];
  const scopes = Array.isArray(bot['scopes']) ? bot['scopes'].filter((s): s is string => typeof s === 'string') : [];
  for (const scope of BOT_SCOPES) {
    if (!scopes.includes(scope)) problems.push({ field: 'bots[0].scopes', message: `must include "${scope}"` });
  }
  if (bot['isNotificationOnly'] !== false) {
    problems.push({ field: 'bots[0].isNotificationOnly', message: 'must be false: the bot is conversational' });
  }
  if (bot['supportsFiles'] !== false) problems.push({ field: 'bots[0].supportsFiles', message: 'must be false' });
  problems.push(...checkCommandLists(bot['commandLists'], scopes, commands));
  return problems;
}

function checkWebApplicationInfo(manifest: Record<string, unknown>): PackageProblem[] {
  const botId = stringAt(firstBot(manifest), 'botId');
  const info = manifest['webApplicationInfo'];
  if (!isRecord(info)) return [{ field: 'webApplicationInfo', message: "is required: the bot's Entra app id and resource" }];
  const problems: PackageProblem[] = [];
  const id = stringAt(info, 'id');
  if (botId !== undefined && id !== botId) {
    problems.push({ field: 'webApplicationInfo.id', message: `must equal bots[0].botId (${botId}), is ${id ?? 'missing'}` });
  }
  const resource = stringAt(info, 'resource');
  if (botId !== undefined && resource !== `api://botid-${botId}`) {
    problems.push({ field: 'webApplicationInfo.resource', message: `must be api://botid-${botId}, is ${resource ?? 'missing'}` });
  }
  return problems;
}

function checkValidDomains(domains: unknown): PackageProblem[] {
  if (!Array.isArray(domains) || domains.length === 0) {
    return [{ field: 'validDomains', message: "must list the bot's host name" }];
  }
  return domains.flatMap((domain, i): PackageProblem[] => {
    const field = `validDomains[${i}]`;
    if (typeof domain !== 'string' || domain.trim() === '') return [{ field, message: 'must be a non-empty host name' }];
    if (domain.includes('://')) return [{ field, message: `"${domain}" must be a host name without a scheme` }];
    if (/[/?#\s]/.test(domain)) return [{ field, message: `"${domain}" must be a host name without a path` }];
    return [];
  });
}

function checkIconPaths(icons: unknown): PackageProblem[] {
  return ['color', 'outline'].flatMap((key): PackageProblem[] => {
    const name = stringAt(icons, key);
    if (name === undefined) return [];
    if (/[/\\]/.test(name) || !name.toLowerCase().endsWith('.png')) {
      return [{ field: `icons.${key}`, message: `"${name}" must be a PNG file name at the package root` }];
    }
    return [];
  });
}
