'use strict';

// Answers lost on purpose (README, "When the answer is lost"): the first rule that matches a
// request decides what becomes of it, so that a test sees each way a change's answer can go
// missing:
//   drop-before  the connection is closed before the server acts: nothing happened
//   drop-after   the server acts, then closes the connection instead of answering
//   late         the server acts, and answers `ms` later (after the client's timeout, say)
// A rule is { match(record), way, ms, times (default 1) }; `match` sees the request's record
// with its whole body. Every record also tells whether its answer went out (`answered`) or the
// client closed the connection first (`closedByClient`).

const WAYS = new Set(['drop-before', 'drop-after', 'late']);

function lostAnswers() {
  const rules = [];

  function add(rule) {
    if (!rule || typeof rule.match !== 'function' || !WAYS.has(rule.way)) {
      throw new TypeError(`loseAnswers: give { match(record), way: ${[...WAYS].join(' | ')} }`);
    }
    rules.push(Object.assign({ times: 1, ms: 0 }, rule));
  }

  // Notes in the record how the exchange ended.
  function watch(ctx) {
    const { res, record } = ctx;
    res.once('finish', () => {
      record.answered = true;
    });
    res.once('close', () => {
      if (!res.writableFinished && !record.dropped) record.closedByClient = true;
    });
  }

  // Hands the request to `handle`, or not, as the first matching rule says; without rules at once.
  function dispatch(ctx, handle) {
    watch(ctx);
    if (rules.length === 0) return handle();
    const decide = () => {
      const index = rules.findIndex((rule) => rule.match(ctx.record));
      if (index < 0) return handle();
      const rule = rules[index];
      if (--rule.times <= 0) rules.splice(index, 1);
      ctx.record.lost = rule.way;
      if (rule.way === 'drop-before') {
        ctx.record.dropped = true;
        ctx.socket.destroy();
        return undefined;
      }
      holdAnswer(ctx, rule);
      return handle();
    };
    if (ctx.req.readableEnded) return decide();
    ctx.req.once('end', decide);
    return undefined;
  }

  // The answer the handler writes is dropped (the connection closed instead) or sent `ms` later.
  function holdAnswer(ctx, rule) {
    const { res, socket, record } = ctx;
    const calls = [];
    const original = { writeHead: res.writeHead, write: res.write, end: res.end };
    res.writeHead = (...args) => {
      calls.push(['writeHead', args]);
      return res;
    };
    res.write = (...args) => {
      calls.push(['write', args]);
      return true;
    };
    res.end = (...args) => {
      calls.push(['end', args]);
      if (rule.way === 'drop-after') {
        record.dropped = true;
        socket.destroy();
        return res;
      }
      const timer = setTimeout(() => {
        if (socket.destroyed) return;
        Object.assign(res, original);
        for (const [name, callArgs] of calls) res[name](...callArgs);
      }, rule.ms);
      res.once('close', () => clearTimeout(timer));
      return res;
    };
  }

  return { add, dispatch, reset: () => (rules.length = 0) };
}

module.exports = { lostAnswers };
