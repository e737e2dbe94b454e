'use strict';
// What the tarball test's files share besides the flows: the credential store's secret and how
// Node-RED encrypts it, and a pause between two looks at something that is not there yet.
const crypto = require('crypto');

/** The credentialSecret of the Node-RED the test starts. */
const CREDENTIAL_SECRET = 'e2e-secret';

/** Decrypts a flows_cred.json written with a credentialSecret, as Node-RED does. */
function decryptCredentials(text, secret) {
  const stored = JSON.parse(text).$;
  const key = crypto.createHash('sha256').update(secret).digest();
  const iv = Buffer.from(stored.slice(0, 32), 'hex');
  const decipher = crypto.createDecipheriv('aes-256-ctr', key, iv);
  return JSON.parse(decipher.update(stored.slice(32), 'base64', 'utf8') + decipher.final('utf8'));
}

function wait(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

module.exports = { CREDENTIAL_SECRET, decryptCredentials, wait };
