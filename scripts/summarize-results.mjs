// Prints the closing lines over every vitest suite of scripts/test-all.sh: each failed test with the
// first lines of its failure (and, for a browser test, the tail of the server's log the harness kept
// beside its screenshot), then one line per suite and "N passed, N failed".
// The failures come last so that a CI page showing only the end of the output still names them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
const lines = (text, n) => text.split('\n').slice(0, n).join('\n');
let passed = 0;
let failed = 0;
let skipped = 0;
const summary = [];
const failures = [];
for (const f of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
  const suite = f.replace('.json', '');
  const r = JSON.parse(readFileSync(join(dir, f), 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  summary.push(`${suite.padEnd(14)} ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
  for (const file of r.testResults ?? []) {
    const bad = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
    if (file.status === 'failed' && bad.length === 0) {
      failures.push(`[${suite}] ${file.name}\n${lines(file.message ?? '', 15)}`);
    }
    for (const t of bad) {
      failures.push(`[${suite}] ${file.name} › ${t.fullName}\n${lines((t.failureMessages ?? []).join('\n'), 15)}`);
    }
  }
}
// A failed browser test leaves its server's log (tests/e2e/harness.ts); test-all.sh clears them first.
const serverLogs = readdirSync(dir)
  .filter((f) => f.endsWith('-server.log'))
  .map((log) => `[e2e] last lines of ${log}:\n${readFileSync(join(dir, log), 'utf8').trimEnd().split('\n').slice(-25).join('\n')}`);
// Every failed attempt of a browser test, also those that passed when run again (the e2e project retries once).
const retried = existsSync(join(dir, 'retried.log')) ? readFileSync(join(dir, 'retried.log'), 'utf8').trimEnd() : '';
if (failures.length > 0) console.log(`\nFAILED:\n\n${[...failures, ...serverLogs].join('\n\n')}\n`);
if (retried) console.log(`\nbrowser tests that failed an attempt:\n${retried}\n`);
console.log(summary.join('\n'));
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || skipped > 0 ? 1 : 0);
