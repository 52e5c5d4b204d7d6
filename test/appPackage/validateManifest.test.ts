// @microsoft/app-manifest requires strip-bom 5 (an ES module): Node 20.19+ loads it, jest's
// CommonJS runtime cannot. The schema validator never calls it; this stands in for it.
jest.mock('strip-bom', () => ({ __esModule: true, default: (text: string) => text.replace(/^\uFEFF/, '') }));

import { COMMANDS, type CommandInfo } from '../../src/commands/catalog';
import type { PackageProblem } from '../../src/appPackage/appPackageError';
import { buildCommandLists } from '../../src/appPackage/commandLists';
import { checkManifestRules } from '../../src/appPackage/manifestRules';
import { ACTION_COMMANDS } from '../../src/messageExtension/actionCommands';
import { toProblem } from '../../src/appPackage/manifestSchema';
import { validateManifest } from '../../src/appPackage/validatePackage';
import { filledDevManifest } from './manifestFixtures';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests reach into parsed JSON freely

async function problemsAfter(mutate: (manifest: Json) => void, commands: readonly CommandInfo[] = COMMANDS): Promise<PackageProblem[]> {
  const manifest: Json = await filledDevManifest();
  mutate(manifest);
  return validateManifest(manifest, { commands });
}

function fields(problems: readonly PackageProblem[]): string[] {
  return problems.map((p) => p.field);
}

describe('validateManifest', () => {
  it('accepts the filled dev manifest', async () => {
    expect(await problemsAfter(() => undefined)).toEqual([]);
  });

  it('uses the newest stable schema bundled with @microsoft/app-manifest', async () => {
    const manifest = await filledDevManifest();
    expect(manifest['manifestVersion']).toBe('1.30');
  });

  it('rejects a manifest without name.short', async () => {
    const problems = await problemsAfter((m) => delete m.name.short);
    expect(problems).toContainEqual({ field: 'name.short', message: 'is required' });
  });

  it('rejects a short description over 80 characters', async () => {
    const problems = await problemsAfter((m) => (m.description.short = 'x'.repeat(81)));
    expect(problems).toContainEqual({ field: 'description.short', message: expect.stringContaining('80') });
  });

  it('rejects a bad accentColor', async () => {
    const problems = await problemsAfter((m) => (m.accentColor = 'purple'));
    expect(fields(problems)).toEqual(['accentColor']);
  });

  it('rejects an unfilled placeholder, naming its field', async () => {
    const problems = await problemsAfter((m) => (m.developer.privacyUrl = 'https://${{PRIVACY_HOST}}/privacy'));
    expect(problems).toContainEqual({ field: 'developer.privacyUrl', message: expect.stringContaining('placeholder') });
  });

  it('rejects a command list that lacks a catalog command', async () => {
    const problems = await problemsAfter((m) => m.bots[0].commandLists[1].commands.pop());
    expect(problems).toContainEqual({
      field: 'bots[0].commandLists[1].commands',
      message: expect.stringContaining('missing "help'),
    });
  });

  it('rejects a command the catalog does not know', async () => {
    const problems = await problemsAfter((m) => m.bots[0].commandLists[0].commands.push({ title: 'dance', description: 'Dance' }));
    expect(problems).toContainEqual({
      field: 'bots[0].commandLists[0].commands',
      message: expect.stringContaining('not in the catalog "dance'),
    });
  });

  it('fails when the catalog gains a command the manifest does not offer', async () => {
    const catalog = [...COMMANDS, { title: 'list chats', description: 'List chats I started', examples: ['list chats'] }];
    const problems = await problemsAfter(() => undefined, catalog);
    expect(fields(problems)).toEqual([
      'bots[0].commandLists[0].commands',
      'bots[0].commandLists[1].commands',
      'bots[0].commandLists[2].commands',
    ]);
  });

  it('requires a command list for every scope the bot is in', async () => {
    const problems = await problemsAfter((m) => m.bots[0].commandLists.pop());
    expect(problems).toContainEqual({ field: 'bots[0].commandLists', message: 'no command list for scope "team"' });
  });

  it('enforces the command menu limits (title 32, description 128)', async () => {
    const catalog: CommandInfo[] = [{ title: 't'.repeat(33), description: 'd'.repeat(129), examples: [] }];
    const problems = await problemsAfter((m) => (m.bots[0].commandLists = buildCommandLists(catalog)), catalog);
    expect(fields(problems)).toEqual(
      expect.arrayContaining(['bots[0].commandLists[0].commands[0].title', 'bots[0].commandLists[0].commands[0].description']),
    );
  });

  it('requires webApplicationInfo.id and resource to match the bot id', async () => {
    const problems = await problemsAfter((m) => {
      m.webApplicationInfo.id = '11111111-1111-1111-1111-111111111111';
      m.webApplicationInfo.resource = 'api://somewhere-else';
    });
    expect(fields(problems)).toEqual(['webApplicationInfo.id', 'webApplicationInfo.resource']);
  });

  it.each([
    ['https://bot.example.com', 'scheme'],
    ['bot.example.com/api/messages', 'path'],
  ])('rejects validDomains entry %s', async (domain, what) => {
    const problems = await problemsAfter((m) => (m.validDomains = [domain]));
    expect(problems).toContainEqual({ field: 'validDomains[0]', message: expect.stringContaining(`without a ${what}`) });
  });

  it('requires the bot in personal, groupChat and team scopes', async () => {
    const problems = await problemsAfter((m) => (m.bots[0].scopes = ['personal']));
    expect(problems).toContainEqual({ field: 'bots[0].scopes', message: 'must include "groupChat"' });
    expect(problems).toContainEqual({ field: 'bots[0].scopes', message: 'must include "team"' });
  });

  it('rejects a $schema that does not match manifestVersion', async () => {
    const problems = await problemsAfter((m) => (m.$schema = 'https://developer.microsoft.com/json-schemas/teams/v1.19/MicrosoftTeams.schema.json'));
    expect(fields(problems)).toEqual(['$schema']);
  });

  it('rejects a manifestVersion with no bundled schema, without going to the network', async () => {
    const problems = await problemsAfter((m) => (m.manifestVersion = '9.99'));
    expect(problems).toContainEqual({ field: 'manifestVersion', message: expect.stringContaining('not a schema version bundled') });
  });
});

describe('validateManifest: the message extension', () => {
  it('offers both action commands of the catalog, opening their dialogs through the bot', async () => {
    const manifest = await filledDevManifest();
    const [extension] = manifest['composeExtensions'] as Json[];
    expect(extension!.botId).toBe((manifest['bots'] as Json[])[0]!.botId);
    expect(extension!.commands).toEqual(
      ACTION_COMMANDS.map((command) => ({ id: command.id, type: 'action', title: command.title, description: command.description, context: [...command.context], fetchTask: true })),
    );
  });

  it('requires the message extension', async () => {
    const problems = await problemsAfter((m) => delete m.composeExtensions);
    expect(fields(problems)).toEqual(['composeExtensions']);
  });

  it('requires the extension to be served by the bot', async () => {
    const problems = await problemsAfter((m) => (m.composeExtensions[0].botId = '11111111-1111-1111-1111-111111111111'));
    expect(fields(problems)).toEqual(['composeExtensions[0].botId']);
  });

  it('rejects a command the bot does not answer, and names a missing one', async () => {
    const problems = await problemsAfter((m) => (m.composeExtensions[0].commands[1].id = 'dance'));
    expect(problems).toEqual([
      { field: 'composeExtensions[0].commands', message: 'missing the command "startChat"' },
      { field: 'composeExtensions[0].commands[1]', message: '"dance" is not a command the bot answers' },
    ]);
  });

  it('requires action commands with fetchTask, in their catalog contexts', async () => {
    const problems = await problemsAfter((m) => {
      m.composeExtensions[0].commands[0].type = 'query';
      m.composeExtensions[0].commands[0].fetchTask = false;
      m.composeExtensions[0].commands[1].context = ['compose'];
    });
    expect(fields(problems)).toEqual(['composeExtensions[0].commands[0].type', 'composeExtensions[0].commands[0].fetchTask', 'composeExtensions[0].commands[1].context']);
  });

  it('keeps titles and descriptions in step with the catalog', async () => {
    const problems = await problemsAfter((m) => (m.composeExtensions[0].commands[0].title = 'Chat'));
    expect(problems).toEqual([{ field: 'composeExtensions[0].commands[0].title', message: 'must be "Start a chat about this" as in the action command catalog' }]);
  });

  it("lets Microsoft's schema catch a title over 32 characters", async () => {
    const problems = await problemsAfter((m) => (m.composeExtensions[0].commands[0].title = 't'.repeat(33)));
    expect(fields(problems)).toContain('composeExtensions[0].commands[0].title');
    expect(problems.some((p) => p.message.includes('32'))).toBe(true);
  });

  it('fails when the catalog gains an action command the manifest does not offer', async () => {
    const manifest = await filledDevManifest();
    const catalog = [...ACTION_COMMANDS, { id: 'listChats', title: 'List chats', description: 'Chats I started', context: ['compose' as const] }];
    expect(checkManifestRules(manifest, COMMANDS, catalog)).toEqual([{ field: 'composeExtensions[0].commands', message: 'missing the command "listChats"' }]);
  });

  it('still checks the command lists beside it', async () => {
    const problems = await problemsAfter((m) => m.bots[0].commandLists[2].commands.pop());
    expect(fields(problems)).toEqual(['bots[0].commandLists[2].commands']);
  });
});

describe('toProblem', () => {
  it('turns the library error format into a dotted field', () => {
    expect(toProblem('/bots/0/commandLists/1/commands/0/title must NOT have more than 128 characters. Details: {"limit":128}')).toEqual({
      field: 'bots[0].commandLists[1].commands[0].title',
      message: 'must NOT have more than 128 characters',
    });
  });

  it('names an unexpected property', () => {
    expect(toProblem('/bots/0 must NOT have additional properties. Details: {"additionalProperty":"colour"}')).toEqual({
      field: 'bots[0].colour',
      message: 'is not allowed by the schema',
    });
  });
});
