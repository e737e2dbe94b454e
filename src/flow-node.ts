import type { Node, NodeAPI, NodeDef, NodeMessage, NodeMessageInFlow, NodeStatus } from 'node-red';
import { BpmError, Outcome as ErrorOutcome } from './lib/errors';
import { PropertySpec, readerOf } from './node-properties';
import type { ServerConfigNode } from './server-config';

export { TASK_ID } from './node-properties';
import type { RestClient } from './lib/rest-client';

export interface Outcome {
  /** The messages to send on the one output, in order; none is fine. Each must be a copy of its own. */
  messages: NodeMessage[];
  /** Made only when shown, i.e. for the last answer of a burst: translating text costs per message. */
  status: () => NodeStatus;
}

/**
 * What `work` gets besides the message: the signal that aborts it, the signal that the node
 * stops (a change not yet sent is then abandoned), a status for retries, the log for what no
 * message can tell, and `about`: what the message works on, for the log, once it is known.
 */
export interface Call {
  signal: AbortSignal;
  stopping: AbortSignal;
  onRetry: (attempt: number) => void;
  warn: (text: string) => void;
  about?: string;
}

export type Work = (msg: NodeMessageInFlow, call: Call) => Promise<Outcome>;

/** How a node that changes something on the server speaks of its change (README, "When the answer is lost"). */
export interface ChangeWords {
  /** The node as the palette names it, for the log: `submit task`. */
  label: string;
  /** What it changes and what it does to it: `the task`, `submitted`. */
  what: string;
  done: string;
}

/** The words of an outcome, as the error's message ends. */
function outcomeWords(words: ChangeWords, outcome: ErrorOutcome): string {
  if (outcome === 'done') return `${words.what} was ${words.done}`;
  if (outcome === 'unknown') return `${words.what} may have been ${words.done}: check before sending it again`;
  return `${words.what} was not ${words.done}`;
}

/** Longest wait of close for a change already sent (README, "When the answer is lost"). */
const MAX_CLOSE_WAIT_MS = 10000;

type Send = (msg: NodeMessage | Array<NodeMessage | NodeMessage[] | null>) => void;
type Done = (err?: Error) => void;

interface Running {
  controller: AbortController;
  finished: Promise<void>;
}

/**
 * Runs every input message through `work`: status while requesting, the outcome's messages and
 * status, errors onto `msg` (with `msg.outcome` for a node that `changes` something) and into
 * `done(err)` for Catch nodes. On close, reads in flight are aborted and their messages finished;
 * a change already sent is left to finish within `closeWait()` ms (at most 10 s), and its outcome
 * goes to the log, as its message can no longer be sent.
 */
export function serveMessages(
  node: Node,
  work: Work,
  text: Text,
  changes?: ChangeWords,
  closeWait: () => number = () => MAX_CLOSE_WAIT_MS,
): void {
  const inFlight = new Set<Running>();
  // One for the node: when it stops, every change not yet sent is abandoned.
  const stopper = new AbortController();
  let stopped = false;
  let abandoned = 0;
  let lastStatus = '';
  const show = (status: NodeStatus): void => {
    const key = `${status.fill}|${status.shape}|${status.text}`;
    if (key === lastStatus) return;
    lastStatus = key;
    node.status(status);
  };

  let requesting: NodeStatus | undefined;
  const onRetry = (attempt: number): void => show({ fill: 'yellow', shape: 'ring', text: text('status.retrying', { attempt }) });
  const warn = (line: string): void => node.warn(line);
  // The outcome of a change that finished after the flow stopped: only the log can tell it.
  const finishedAfterStop = (call: Call, outcome: string): void => {
    if (changes)
      node.warn(`${changes.label}${call.about === undefined ? '' : ` ${call.about}`} finished after the flow stopped: ${outcome}`);
  };

  node.on('input', (msg: NodeMessageInFlow, send: Send, done: Done) => {
    const controller = new AbortController();
    const call: Call = { signal: controller.signal, stopping: stopper.signal, onRetry, warn };
    requesting ??= { fill: 'blue', shape: 'dot', text: text('status.requesting') };
    show(requesting);
    const running = { controller } as Running;
    running.finished = Promise.resolve()
      .then(() => work(msg, call))
      .then(
        (outcome) => {
          inFlight.delete(running);
          if (stopped) {
            const statusCode = (outcome.messages[0] as { statusCode?: unknown } | undefined)?.statusCode;
            finishedAfterStop(call, `done${typeof statusCode === 'number' ? ` (${statusCode})` : ''}`);
            return;
          }
          try {
            // One send() per message: Node-RED deep-copies all but the first message of one send()
            // call, and these messages are independent copies already.
            for (const message of outcome.messages) {
              if (changes && 'outcome' in message) delete message.outcome;
              send(message);
            }
            if (inFlight.size === 0) show(outcome.status());
          } catch (error) {
            // A send hook that throws must still finish the message, never leave a rejection.
            done(error as Error);
            return;
          }
          done();
        },
        (cause: unknown) => {
          inFlight.delete(running);
          let error = cause instanceof BpmError ? cause : new BpmError('INVALID_INPUT', String((cause as Error)?.message ?? cause));
          if (changes) {
            // No request went out for an error the node found itself (INVALID_INPUT).
            const outcome = error.outcome ?? 'not-done';
            error = error.with({ outcome, message: `${error.message}: ${outcomeWords(changes, outcome)}` });
            if (stopped) {
              // Abandoned before it was sent: counted, and told once when close completes.
              if (outcome === 'not-done' && error.statusCode === undefined) abandoned++;
              else finishedAfterStop(call, `${outcome} (${error.statusCode ?? error.code})`);
              return;
            }
          }
          describeError(msg, error, changes !== undefined);
          show({ fill: 'red', shape: 'ring', text: error.code });
          done(error);
        },
      );
    inFlight.add(running);
  });

  node.on('close', (_removed: boolean, done: () => void) => {
    stopped = true;
    const pending = [...inFlight];
    // A read is aborted at once; a change not yet sent is abandoned, one sent is left to finish.
    if (changes) stopper.abort();
    else for (const running of pending) running.controller.abort();
    const wait = Math.min(closeWait(), MAX_CLOSE_WAIT_MS);
    const timer =
      changes && pending.length > 0 ? setTimeout(() => pending.forEach((running) => running.controller.abort()), wait) : undefined;
    void Promise.allSettled(pending.map((running) => running.finished)).then(() => {
      clearTimeout(timer);
      if (changes && abandoned > 0)
        node.warn(`${changes.label}: ${abandoned} message(s) not sent to the server: the flow stopped before their turn`);
      node.status({});
      done();
    });
  });
}

/** Puts the response facts of an error onto the message a Catch node will receive; for a change, its outcome. */
function describeError(msg: NodeMessageInFlow, error: BpmError, change: boolean): void {
  const target = msg as NodeMessageInFlow & { statusCode?: number; serverError?: unknown; outcome?: string };
  if (change) target.outcome = error.outcome;
  if (error.statusCode !== undefined) target.statusCode = error.statusCode;
  else delete target.statusCode;
  if (error.serverError !== undefined) target.serverError = error.serverError;
  else delete target.serverError;
}

/** Catalogue text of a node type: `key` below the type, with its values. */
export type Text = (key: string, values?: Record<string, string | number>) => string;

/** What a node's setup gets, once per deployed node: its saved settings and its catalogue text. */
export interface NodeContext {
  RED: NodeAPI;
  node: Node;
  config: NodeDef & Record<string, unknown>;
  text: Text;
}

/** The work of one message: its properties evaluated, the client of its server, the call's signal. */
export type MessageWork<C, P extends string> = (
  msg: NodeMessageInFlow,
  values: Record<P, unknown>,
  client: C,
  call: Call,
) => Promise<Outcome>;

export interface FlowNodeSpec<C extends RestClient, P extends string> {
  type: string;
  /** The server kind, as messages name it: `inubit` or `IBM BPM`. */
  server: string;
  /** The TypedInput properties the node reads for each message. */
  reads: Record<P, PropertySpec>;
  /** Reads the node's own settings once, and gives the work of each message. */
  setup: (context: NodeContext) => MessageWork<C, P>;
  /** For a node that changes something on the server: its words, and the property naming what it works on. */
  changes?: ChangeWords & { subject: P };
}

/**
 * Declares a flow node type: the module Node-RED loads for it. Every node is made the same way
 * (its server's client, its properties prepared once, its messages served by serveMessages);
 * the spec says only what is the node's own.
 */
export function flowNodeType<C extends RestClient, P extends string>(spec: FlowNodeSpec<C, P>): (RED: NodeAPI) => void {
  const names = Object.keys(spec.reads) as P[];
  return (RED) => {
    function FlowNode(this: Node, config: NodeDef & Record<string, unknown>): void {
      RED.nodes.createNode(this, config);
      const server = RED.nodes.getNode(config.server as string) as ServerConfigNode<C> | null;
      const text: Text = (key, values) => RED._(`${spec.type}.${key}`, values);
      const readers = names.map((name) => readerOf(RED, this, config, name, spec.reads[name]));
      const work = spec.setup({ RED, node: this, config, text });
      const subject = spec.changes?.subject;
      const closeWait = (): number => server?.client?.timeout ?? MAX_CLOSE_WAIT_MS;
      serveMessages(
        this,
        async (msg, call) => {
          const client = clientOf(server, spec.server);
          const read = await Promise.all(readers.map((reader) => reader(msg)));
          const values = {} as Record<P, unknown>;
          names.forEach((name, index) => (values[name] = read[index]));
          if (subject !== undefined && (typeof values[subject] === 'string' || typeof values[subject] === 'number'))
            call.about = String(values[subject]);
          return work(msg, values, client, call);
        },
        text,
        spec.changes,
        closeWait,
      );
    }
    RED.nodes.registerType(spec.type, FlowNode);
  };
}

/** The client of the configured server, or the reason why there is none. */
function clientOf<C extends RestClient>(server: ServerConfigNode<C> | null, kind: string): C {
  if (!server) throw new BpmError('INVALID_INPUT', `No ${kind} server is configured for this node`);
  if (!server.client) throw server.configError ?? new BpmError('INVALID_INPUT', `The ${kind} server configuration is not usable`);
  return server.client;
}
