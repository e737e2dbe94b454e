'use strict';
// Waiting on what shows that something happened, never on a fixed time: a condition that an
// event makes true, and the simulator's request log. No Node-RED here: the client tests use it too.

/**
 * Resolves with the first truthy value of `check()`, asked again every few milliseconds; rejects
 * naming `what` when none came within `timeout` ms (a wait that gives up, no limit on the behaviour).
 */
async function until(check, what, timeout = 10000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Resolves with the simulator's request log once it holds at least `count` requests. */
function requestsArrived(sim, count, what = `${count} request(s) at the simulator`) {
  return until(() => sim.requests.length >= count && sim.requests, what);
}

/** Resolves once the simulator has answered or lost every request it got: none is in flight there. */
function simulatorIdle(sim, what = 'the simulator to end every request') {
  return until(() => sim.stats.inFlight === 0, what);
}

module.exports = { until, requestsArrived, simulatorIdle };
