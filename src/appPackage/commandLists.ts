import type { CommandInfo } from '../commands/catalog';
import type { PackageProblem } from './appPackageError';
import { isRecord } from './jsonValue';

/**
 * The bot's command menu must offer exactly the commands the parser knows (`COMMANDS`), in
 * every scope the bot is installed in, so the menu can never suggest something the bot rejects.
 */
export const BOT_SCOPES = ['personal', 'groupChat', 'team'] as const;
export type BotScope = (typeof BOT_SCOPES)[number];

/**
 * Teams' documented command-menu limits. Manifest schemas from 1.22 on allow longer strings,
 * but the 32/128 limits are what the menu shows in full, and older clients enforce them.
 */
export const MAX_COMMAND_TITLE = 32;
export const MAX_COMMAND_DESCRIPTION = 128;

export interface ManifestCommand {
  readonly title: string;
  readonly description: string;
}

export interface ManifestCommandList {
  readonly scopes: readonly BotScope[];
  readonly commands: readonly ManifestCommand[];
}

/** One list per scope (the schema asks for a separate list per scope), each with every command. */
export function buildCommandLists(commands: readonly CommandInfo[]): ManifestCommandList[] {
  return BOT_SCOPES.map((scope) => ({
    scopes: [scope],
    commands: commands.map((c) => ({ title: c.title, description: c.description })),
  }));
}

/** Compares a manifest's `bots[0].commandLists` with the catalog. */
export function checkCommandLists(commandLists: unknown, scopes: readonly string[], commands: readonly CommandInfo[]): PackageProblem[] {
  const field = 'bots[0].commandLists';
  if (!Array.isArray(commandLists)) {
    return [{ field, message: 'missing; it must list the commands of src/commands/catalog.ts for each scope' }];
  }
  const problems: PackageProblem[] = [];
  for (const scope of scopes) {
    const index = commandLists.findIndex((list) => readScopes(list).includes(scope));
    if (index < 0) problems.push({ field, message: `no command list for scope "${scope}"` });
  }
  commandLists.forEach((list, index) => {
    const listField = `${field}[${index}].commands`;
    const actual = readCommands(list);
    if (actual === undefined) {
      problems.push({ field: listField, message: 'must be an array of {title, description}' });
      return;
    }
    actual.forEach((command, i) => {
      if (command.title.length > MAX_COMMAND_TITLE) {
        problems.push({ field: `${listField}[${i}].title`, message: `"${command.title}" is longer than ${MAX_COMMAND_TITLE} characters` });
      }
      if (command.description.length > MAX_COMMAND_DESCRIPTION) {
        problems.push({ field: `${listField}[${i}].description`, message: `longer than ${MAX_COMMAND_DESCRIPTION} characters` });
      }
    });
    const expected = commands.map((c) => `${c.title} — ${c.description}`);
    const got = actual.map((c) => `${c.title} — ${c.description}`);
    const extra = got.filter((c) => !expected.includes(c));
    const absent = expected.filter((c) => !got.includes(c));
    if (extra.length > 0 || absent.length > 0 || got.join('\n') !== expected.join('\n')) {
      const detail = [
        ...absent.map((c) => `missing "${c}"`),
        ...extra.map((c) => `not in the catalog "${c}"`),
      ];
      problems.push({
        field: listField,
        message: `out of step with COMMANDS in src/commands/catalog.ts (${detail.length > 0 ? detail.join('; ') : 'order differs'})`,
      });
    }
  });
  return problems;
}

function readScopes(list: unknown): string[] {
  const scopes = isRecord(list) ? list['scopes'] : undefined;
  return Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === 'string') : [];
}

function readCommands(list: unknown): ManifestCommand[] | undefined {
  const commands = isRecord(list) ? list['commands'] : undefined;
  if (!Array.isArray(commands)) return undefined;
  return commands.map((c) => ({
    title: isRecord(c) && typeof c['title'] === 'string' ? c['title'] : '',
    description: isRecord(c) && typeof c['description'] === 'string' ? c['description'] : '',
  }));
}
