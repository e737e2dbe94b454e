'use strict';

// What IBM BPM's REST API answers with: the representation the Accept header picks
// (JSON, XML, or JSONP with a callback), the ResponseData envelope, and the WLE error body.

const { STATUS_CODES } = require('http');
const { send, negotiate, CT_JSON, CT_XML } = require('./http');
const { IND, xmlValue } = require('./xml');

const XML_DECL_SA = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
const WLE_EXCEPTION = 'com.lombardisoftware.core.TeamWorksException';

const JSON_FORMAT = { kind: 'json', type: CT_JSON + ';charset=UTF-8', callback: null };

// Representation for a BPM request, or null when the Accept header allows none.
function bpmFormat(ctx) {
  const callback = typeof ctx.query.callback === 'string' && /^[A-Za-z_$][\w$.]*$/.test(ctx.query.callback) ? ctx.query.callback : null;
  const offers = [CT_JSON, CT_XML, 'text/xml'];
  if (callback) offers.push('application/x-javascript');
  const type = negotiate(ctx.req.headers.accept, offers);
  if (type === null) return null;
  const kind = type === CT_JSON ? 'json' : type === 'application/x-javascript' ? 'jsonp' : 'xml';
  return { kind, type: type + ';charset=UTF-8', callback };
}

function wrapJson(fmt, json) {
  return fmt.kind === 'jsonp' ? `${fmt.callback}(${json});` : json;
}

// A bpm:ResponseData document; data === null leaves out the <data> element.
function responseDataXml(dataAttrs, data) {
  const out = [XML_DECL_SA, '<bpm:ResponseData xmlns:bpm="http://rest.bpm.ibm.com/v1/data">', `${IND}<status>200</status>`];
  if (data !== null) {
    const inner = [];
    for (const [k, v] of Object.entries(data)) xmlValue(k, v, IND + IND, inner);
    if (inner.length === 0) {
      out.push(`${IND}<data ${dataAttrs}></data>`);
    } else {
      // Plain loop: spreading a list of 100,000 items would overflow the call stack.
      out.push(`${IND}<data ${dataAttrs}>`);
      for (const line of inner) out.push(line);
      out.push(`${IND}</data>`);
    }
  }
  out.push('</bpm:ResponseData>');
  return out.join('\n') + '\n';
}

// `attrs` are the XML <data> element's attributes (its namespaces and xsi:type).
function renderData(fmt, data, attrs) {
  if (fmt.kind === 'xml') return responseDataXml(attrs, data);
  return wrapJson(fmt, JSON.stringify(data === null ? { status: '200' } : { status: '200', data }));
}

function bpmError(ctx, status, fmt, e, headers = {}) {
  const data = { status: 'error', exceptionType: WLE_EXCEPTION };
  if (e.errorNumber) data.errorNumber = e.errorNumber;
  data.errorMessage = e.errorNumber ? `${e.errorNumber}: ${e.message}` : e.message;
  data.errorMessageParameters = e.params || [];
  data.programmersDetails = e.details !== undefined ? e.details : `${WLE_EXCEPTION}: ${data.errorMessage}`;
  // Kept with the request, for tests that judge a refusal by its reason.
  if (ctx.record) ctx.record.error = { errorNumber: data.errorNumber, params: data.errorMessageParameters };
  let body;
  if (fmt.kind === 'xml') {
    const out = [
      XML_DECL_SA,
      `<RestRuntimeException xmlns="http://rest.bpm.ibm.com/v1/data/exception" xmlns:xsi="${XSI_NS}">`,
      `${IND}<status>error</status>`,
    ];
    xmlValue('Data', data, IND, out);
    out.push('</RestRuntimeException>');
    body = out.join('\n') + '\n';
  } else {
    body = wrapJson(fmt, JSON.stringify({ status: 'error', Data: data }));
  }
  send(ctx.res, status, Object.assign({ 'Content-Type': fmt.type }, headers), body);
}

function genericBpmError(ctx, status, fmt, headers) {
  const reason = STATUS_CODES[status] || 'Error';
  bpmError(ctx, status, fmt, { message: `${reason} (HTTP ${status}) for ${ctx.rawPath}` }, headers);
}

module.exports = { XSI_NS, JSON_FORMAT, bpmFormat, wrapJson, responseDataXml, renderData, bpmError, genericBpmError };
