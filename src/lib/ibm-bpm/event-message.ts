import { BpmError } from '../errors';
import { quote, toQueryValue } from '../path-segment';
import { toVariables } from '../variables';
import { NOT_XML, escapeXml } from '../xml';

/** What an event message says (README, "send message"), as the flow gives it; checked when written. */
export interface EventMessage {
  /** The process app's acronym: required. */
  processApp: unknown;
  /** The event name, the message event id of the UCA: required. */
  event: unknown;
  ucaName?: unknown;
  snapshot?: unknown;
  /** Parameter name → text, number, boolean or null. */
  parameters?: unknown;
}

/** An event message as the Event Manager reads it, with the names it was written for. */
export interface WrittenEventMessage {
  xml: string;
  processApp: string;
  event: string;
}

/**
 * `<eventmsg><event processApp="…" snapshot="…" ucaname="…">{event}</event><parameters>…</parameters></eventmsg>`:
 * the snapshot and UCA name only when set, names escaped, each value in CDATA, the parameters in
 * the object's order and no `<parameters>` when there are none. INVALID_INPUT for what cannot be sent.
 */
export function writeEventMessage(message: EventMessage): WrittenEventMessage {
  const processApp = requiredName(message.processApp, 'process app acronym');
  const event = requiredName(message.event, 'event name');
  const snapshot = optionalName(message.snapshot, 'snapshot');
  const ucaName = optionalName(message.ucaName, 'UCA name');
  let attributes = ` processApp="${escapeXml(processApp)}"`;
  if (snapshot !== undefined) attributes += ` snapshot="${escapeXml(snapshot)}"`;
  if (ucaName !== undefined) attributes += ` ucaname="${escapeXml(ucaName)}"`;
  const xml = `<eventmsg><event${attributes}>${escapeXml(event)}</event>${parametersXml(message.parameters)}</eventmsg>`;
  return { xml, processApp, event };
}

function parametersXml(parameters: unknown): string {
  const checked = toVariables(parameters, 'parameters');
  if (typeof checked !== 'object') return '';
  let xml = '';
  for (const [name, value] of Object.entries(checked)) {
    // As in JSON, a property without a value is no parameter.
    if (value === undefined) continue;
    if (name.trim() === '') throw new BpmError('INVALID_INPUT', 'A parameter has an empty name');
    xmlText(name, `parameter name ${quote(name)}`);
    xml += `<parameter><key>${escapeXml(name)}</key><value>${cdata(valueText(name, value))}</value></parameter>`;
  }
  return xml === '' ? '' : `<parameters>${xml}</parameters>`;
}

/** A value as the UCA receives it: text as it is, numbers and booleans as their text, null as empty text. */
function valueText(name: string, value: unknown): string {
  if (value === null) return '';
  if (typeof value === 'string') return xmlText(value, `parameter ${quote(name)}`);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  const what = Array.isArray(value)
    ? 'a list'
    : typeof value === 'object'
      ? 'an object'
      : typeof value === 'number'
        ? String(value)
        : `a ${typeof value}`;
  throw new BpmError('INVALID_INPUT', `The parameter ${quote(name)} is ${what}: give text, a number, a boolean or null`);
}

/** Text in CDATA; a `]]>` inside it ends one section and begins the next between its `]]` and `>`. */
function cdata(text: string): string {
  return `<![CDATA[${text.includes(']]>') ? text.split(']]>').join(']]]]><![CDATA[>') : text}]]>`;
}

function requiredName(value: unknown, label: string): string {
  const text = optionalName(value, label);
  if (text === undefined) throw new BpmError('INVALID_INPUT', `The ${label} is empty`);
  return text;
}

/** A name the message carries: trimmed text or a number, undefined when empty. */
function optionalName(value: unknown, label: string): string | undefined {
  const text = toQueryValue(value, label);
  return text === undefined ? undefined : xmlText(text, label);
}

function xmlText(text: string, label: string): string {
  if (NOT_XML.test(text)) throw new BpmError('INVALID_INPUT', `The ${label} holds a character that XML cannot carry`);
  return text;
}
