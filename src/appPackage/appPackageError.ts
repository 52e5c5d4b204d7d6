/**
 * Errors raised while building or validating the Teams app package. Each carries a stable
 * `code`; the CLI turns them into a message and a non-zero exit code in one place.
 */
export type AppPackageErrorCode =
  | 'ENV_FILE_NOT_FOUND'
  | 'ENV_FILE_SYNTAX'
  | 'MISSING_VARIABLE'
  | 'MANIFEST_NOT_JSON'
  | 'PACKAGE_INVALID'
  | 'USAGE';

/** One thing wrong with a package, tied to the manifest field (or zip entry) it concerns. */
export interface PackageProblem {
  /** Dotted path such as `name.short` or `bots[0].commandLists`, or a zip entry name. */
  readonly field: string;
  readonly message: string;
}

export class AppPackageError extends Error {
  constructor(readonly code: AppPackageErrorCode, message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** `${{VAR}}` placeholders with no value in any source. */
export class MissingVariableError extends AppPackageError {
  constructor(readonly variables: readonly string[], readonly lookedIn: readonly string[]) {
    super(
      'MISSING_VARIABLE',
      `${variables.length === 1 ? 'Variable' : 'Variables'} ${variables.join(', ')} not set: ` +
        `looked in ${lookedIn.join(', ')} and the process environment`,
    );
  }
}

/** A built or uploaded package broke one or more rules. */
export class PackageInvalidError extends AppPackageError {
  constructor(readonly problems: readonly PackageProblem[]) {
    super('PACKAGE_INVALID', `App package is invalid:\n${formatProblems(problems)}`);
  }
}

export function formatProblems(problems: readonly PackageProblem[]): string {
  return problems.map((p) => `  - ${p.field}: ${p.message}`).join('\n');
}

export function isAppPackageError(value: unknown): value is AppPackageError {
  return value instanceof AppPackageError;
}
