const path = require('node:path');

/** How many of the slowest test files the summary lists. */
const SLOWEST_SHOWN = 10;

/**
 * Ends every jest run with the slowest test files (wall time of each, as jest measured it, so
 * whoever wants CI faster knows where to look) and then one line, `N passed, M failed[, K skipped]`,
 * taken from jest's own results, so CI (and people) can read the outcome without parsing jest's
 * prose. That line stays last: `.ci/run` reads it.
 */
class SummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    process.stdout.write(`\n${this.slowest(results.testResults)}`);
    const skipped = results.numPendingTests + results.numTodoTests;
    // Suites that failed to run at all have no test results; count them as failures.
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `${results.numPassedTests} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
    process.stdout.write(`\n${line}\n`);
  }

  /** The slowest files, one a line: seconds, tests in the file, path from the repository root. */
  slowest(testResults) {
    const timed = testResults
      .map((result) => ({
        seconds: (result.perfStats.end - result.perfStats.start) / 1000,
        tests: result.testResults.length,
        file: path.relative(this.rootDir, result.testFilePath),
      }))
      .filter((suite) => Number.isFinite(suite.seconds) && suite.seconds >= 0)
      .sort((a, b) => b.seconds - a.seconds)
      .slice(0, SLOWEST_SHOWN);
    if (timed.length === 0) return '';
    const rows = timed.map((suite) => `${suite.seconds.toFixed(1).padStart(7)} s  ${String(suite.tests).padStart(3)} tests  ${suite.file}`);
    return `Slowest test files:\n${rows.join('\n')}\n`;
  }
}
module.exports = SummaryReporter;
