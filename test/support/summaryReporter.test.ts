import path from 'node:path';

// The reporter is plain JavaScript (jest loads it as is); its own test reads it the same way.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const SummaryReporter = require('./summaryReporter.js') as new (globalConfig: { rootDir: string }) => {
  onRunComplete(contexts: unknown, results: unknown): void;
};

const ROOT = '/repo';

function suite(file: string, seconds: number, tests: number) {
  return { testFilePath: path.join(ROOT, file), perfStats: { start: 1_000, end: 1_000 + seconds * 1000 }, testResults: Array.from({ length: tests }, () => ({})) };
}

function printed(results: Record<string, unknown>): string[] {
  const chunks: string[] = [];
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    new SummaryReporter({ rootDir: ROOT }).onRunComplete(new Set(), results);
  } finally {
    write.mockRestore();
  }
  return chunks.join('').split('\n').filter((line) => line !== '');
}

const counts = { numPassedTests: 7, numFailedTests: 1, numRuntimeErrorTestSuites: 1, numPendingTests: 0, numTodoTests: 0 };

describe('the summary reporter', () => {
  it('lists the slowest test files, slowest first, at most ten, then ends with the line CI reads', () => {
    const testResults = Array.from({ length: 12 }, (_, i) => suite(`test/file${i}.test.ts`, i + 0.25, i + 1));
    const lines = printed({ ...counts, testResults });
    expect(lines[0]).toBe('Slowest test files:');
    const rows = lines.slice(1, -1);
    expect(rows).toHaveLength(10);
    expect(rows[0]).toMatch(/^\s*11\.3 s\s+12 tests\s+test\/file11\.test\.ts$/);
    expect(rows[9]).toMatch(/^\s*2\.3 s\s+3 tests\s+test\/file2\.test\.ts$/);
    // A suite that failed to run counts as a failure.
    expect(lines.at(-1)).toBe('7 passed, 2 failed');
  });

  it('still ends with the counts when no file ran, and names skipped tests', () => {
    expect(printed({ ...counts, numPendingTests: 2, numTodoTests: 1, testResults: [] })).toEqual(['7 passed, 2 failed, 3 skipped']);
  });
});
