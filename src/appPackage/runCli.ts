import path from 'node:path';
import type { CommandInfo } from '../commands/catalog';
import { formatProblems, isAppPackageError, type PackageProblem } from './appPackageError';
import { buildAppPackage, defaultPaths, validateEnvironmentPackage, validateZipFile } from './buildPackage';
import { parseCliArgs, USAGE } from './cliArgs';

/**
 * The packaging CLI with its surroundings handed in (repository root, environment, output),
 * so tests can run it against temporary folders. Returns the exit code: 0 success,
 * 1 invalid package or missing variable, 2 wrong usage.
 */
export interface CliContext {
  readonly rootDir: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly commands: readonly CommandInfo[];
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

export async function runCli(argv: readonly string[], context: CliContext): Promise<number> {
  try {
    const command = parseCliArgs(argv);
    switch (command.kind) {
      case 'help':
        context.out(USAGE);
        return 0;
      case 'package': {
        const base = defaultPaths(context.rootDir);
        const paths = command.outDir === undefined ? base : { ...base, outDir: path.resolve(context.rootDir, command.outDir) };
        const built = await buildAppPackage({ envName: command.envName, paths, overrides: context.env, commands: context.commands });
        context.out(`App package for "${command.envName}" is valid.`);
        context.out(`  ${path.relative(context.rootDir, built.manifestPath)}`);
        context.out(`  ${path.relative(context.rootDir, built.zipPath)}`);
        return 0;
      }
      case 'validateEnv': {
        const problems = await validateEnvironmentPackage({
          envName: command.envName,
          paths: defaultPaths(context.rootDir),
          overrides: context.env,
          commands: context.commands,
        });
        return report(problems, `App package for "${command.envName}"`, context);
      }
      case 'validateZip': {
        const problems = await validateZipFile(path.resolve(context.rootDir, command.zipPath), context.commands);
        return report(problems, command.zipPath, context);
      }
    }
  } catch (error) {
    if (isAppPackageError(error)) {
      context.err(error.message);
      return error.code === 'USAGE' ? 2 : 1;
    }
    throw error;
  }
}

function report(problems: readonly PackageProblem[], subject: string, context: CliContext): number {
  if (problems.length === 0) {
    context.out(`${subject} is valid.`);
    return 0;
  }
  context.err(`${subject} is invalid:\n${formatProblems(problems)}`);
  return 1;
}
