import type { ActionCommandInfo } from '../messageExtension/actionCommands';
import type { PackageProblem } from './appPackageError';
import { isRecord, stringAt } from './jsonValue';

/**
 * The manifest's `composeExtensions` must offer exactly the action commands the bot answers
 * (`ACTION_COMMANDS`), each opening its dialog through the bot (`fetchTask: true`), from the bot
 * that serves the invokes. A command the bot does not know would open an error in Teams.
 */
export function checkComposeExtensions(manifest: Record<string, unknown>, botId: string | undefined, commands: readonly ActionCommandInfo[]): PackageProblem[] {
  const field = 'composeExtensions';
  const extensions = manifest[field];
  if (!Array.isArray(extensions) || extensions.length !== 1 || !isRecord(extensions[0])) {
    return [{ field, message: 'must hold one message extension with the commands of src/messageExtension/actionCommands.ts' }];
  }
  const extension = extensions[0];
  const problems: PackageProblem[] = [];
  const extensionBotId = stringAt(extension, 'botId');
  if (botId !== undefined && extensionBotId !== botId) {
    problems.push({ field: `${field}[0].botId`, message: `must equal bots[0].botId (${botId}), is ${extensionBotId ?? 'missing'}` });
  }
  const listed = Array.isArray(extension['commands']) ? extension['commands'] : [];
  const listedIds = listed.map((command) => stringAt(command, 'id'));
  commands.forEach((expected) => {
    const index = listedIds.indexOf(expected.id);
    if (index < 0) {
      problems.push({ field: `${field}[0].commands`, message: `missing the command "${expected.id}"` });
      return;
    }
    problems.push(...checkCommand(`${field}[0].commands[${index}]`, listed[index], expected));
  });
  listedIds.forEach((id, index) => {
    if (!commands.some((command) => command.id === id)) {
      problems.push({ field: `${field}[0].commands[${index}]`, message: `"${id ?? '(no id)'}" is not a command the bot answers` });
    }
  });
  return problems;
}

function checkCommand(field: string, command: unknown, expected: ActionCommandInfo): PackageProblem[] {
  const problems: PackageProblem[] = [];
  const record = isRecord(command) ? command : {};
  if (record['type'] !== 'action') problems.push({ field: `${field}.type`, message: 'must be "action"' });
  if (record['fetchTask'] !== true) problems.push({ field: `${field}.fetchTask`, message: 'must be true: the bot builds the dialog' });
  for (const key of ['title', 'description'] as const) {
    if (record[key] !== expected[key]) problems.push({ field: `${field}.${key}`, message: `must be "${expected[key]}" as in the action command catalog` });
  }
  const context = Array.isArray(record['context']) ? record['context'] : [];
  const sameContext = context.length === expected.context.length && expected.context.every((value) => context.includes(value));
  if (!sameContext) problems.push({ field: `${field}.context`, message: `must be ${JSON.stringify(expected.context)}` });
  return problems;
}
