'use strict';
// Skipping with a reason: test/support/reporter.js passes it on, and the summary of npm test names it.

/** Skips the running test, or from a `beforeEach` hook the test about to run, because of `reason`. */
function skipTest(context, reason) {
  const test = context.test.type === 'test' ? context.test : context.currentTest;
  test.skipReason = reason;
  context.skip();
}

/** From a `before` hook: skips every test of the suite because of `reason`. */
function skipSuite(context, reason) {
  context.test.parent.skipReason = reason;
  context.skip();
}

module.exports = { skipTest, skipSuite };
