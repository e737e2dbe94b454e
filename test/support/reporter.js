'use strict';
// Mocha's spec output, plus the run's totals written to TEST_STATS_FILE for the test script.
const fs = require('fs');
const Mocha = require('mocha');

class CountingSpec extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once('end', () => {
      const file = process.env.TEST_STATS_FILE;
      if (file) fs.writeFileSync(file, JSON.stringify({ passes: this.stats.passes, failures: this.stats.failures, pending: this.stats.pending }));
    });
  }
}

module.exports = CountingSpec;
