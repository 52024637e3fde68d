// web-test-runner's own summary line carries a progress bar; this reporter prints
// failures plainly and ends with one line CI can read: `wtr: N passed, N failed, N skipped`.
// A test file that fails to load (import error, uncaught error) counts as one failure.

function countTests(suite, counts, failures, file, trail = []) {
  for (const test of suite.tests) {
    const name = [...trail, test.name].join(' > ');
    if (test.skipped) counts.skipped++;
    else if (test.passed) counts.passed++;
    else {
      counts.failed++;
      failures.push(`${file}: ${name}\n    ${test.error?.message ?? 'failed'}`);
    }
  }
  for (const child of suite.suites) countTests(child, counts, failures, file, [...trail, child.name]);
}

export function summaryReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const counts = { passed: 0, failed: 0, skipped: 0 };
      const failures = [];
      for (const session of sessions) {
        if (session.testResults) countTests(session.testResults, counts, failures, session.testFile);
        const loadErrors = session.errors ?? [];
        if (loadErrors.length > 0 || (!session.passed && !session.testResults?.tests.length && !session.testResults?.suites.length)) {
          counts.failed++;
          failures.push(`${session.testFile}: did not run\n    ${loadErrors.map((e) => e.message).join('\n    ') || 'failed to load'}`);
        }
      }
      for (const failure of failures) console.log(`FAIL ${failure}`);
      console.log(`wtr: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
    },
  };
}
