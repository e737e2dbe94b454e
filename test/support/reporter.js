'use strict';
// Mocha's spec output, plus the run's totals written to TEST_STATS_FILE for the test script: the
// passes, the failures and each skipped test with its reason (test/support/skip.js).
const fs = require('fs');
const Mocha = require('mocha');

/** The reason noted on a skipped test or on the nearest suite around it. */
function reasonOf(test) {
  for (let at = test; at; at = at.parent) {
    if (at.skipReason) return at.skipReason;
  }
  // it.skip and describe.skip, or a test without a body.
  return `no reason given: ${test.fullTitle()}`;
}

class CountingSpec extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const skipped = [];
    runner.on('pending', (test) => skipped.push({ title: test.fullTitle(), reason: reasonOf(test) }));
    runner.once('end', () => {
      const file = process.env.TEST_STATS_FILE;
      if (file)
        fs.writeFileSync(
          file,
          JSON.stringify({ passes: this.stats.passes, failures: this.stats.failures, pending: this.stats.pending, skipped }),
        );
    });
  }
}

module.exports = CountingSpec;
