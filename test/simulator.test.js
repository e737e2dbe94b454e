'use strict';

// Checks the simulator itself with plain node:http, so client bugs cannot hide
// simulator bugs (and vice versa).

const http = require('http');
require('should');
const { startSimulator } = require('./simulator');

function call(sim, method, path, { auth = true, accept, agent } = {}) {
    const headers = {};
    if (auth) headers.Authorization = 'Basic ' + Buffer.from(`${sim.username}:${sim.password}`).toString('base64');
    if (accept) headers.Accept = accept;
    return new Promise((resolve, reject) => {
        const req = http.request(sim.url + path, { method, headers, agent: agent || false }, (res) => {
            const chunks = [];
            res.on('data', (c) => chunks.push(c));
            res.on('end', () => resolve({
                status: res.statusCode,
                headers: res.headers,
                body: Buffer.concat(chunks).toString('utf8')
            }));
            res.on('error', reject);
        });
        req.on('error', reject);
        req.end();
    });
}

const adhoc = (id) => `/rest/bpm/wle/v1/process/${id}/adHocActivities`;

describe('BPM simulator', function () {
    this.timeout(3000);
    let sim;

    before(async () => {
        sim = await startSimulator({ port: 0 });
    });
    after(() => sim && sim.close());
    beforeEach(() => {
        sim.reset();
    });

    describe('inubit', () => {
        it('answers 201 with a text task id as application/plain', async () => {
            const r = await call(sim, 'POST', '/ibis/rest/task/adhoc/jdoe/74933f6c-72c6-44c5-9e90-91070f98c7dd');
            r.status.should.equal(201);
            r.headers['content-type'].should.equal('application/plain');
            r.body.should.match(/^[0-9a-f-]{36}$/);
        });

        it('answers 204 without a body for no-task', async () => {
            const r = await call(sim, 'POST', '/ibis/rest/task/adhoc/jdoe/no-task');
            r.status.should.equal(204);
            r.body.should.equal('');
        });

        it('answers 401 as JSON on version 9 and as HTML on version 8', async () => {
            const json = await call(sim, 'POST', '/ibis/rest/task/adhoc/jdoe/x', { auth: false });
            json.status.should.equal(401);
            json.headers['content-type'].should.startWith('application/json');
            const parsed = JSON.parse(json.body);
            parsed.should.have.properties({ statusCode: 401, message: 'Unauthorized access', path: '/rest/task/adhoc/jdoe/x' });
            parsed.timestamp.should.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$/);

            sim.setInubitVersion(8);
            const html = await call(sim, 'POST', '/ibis/rest/task/adhoc/jdoe/x', { auth: false });
            html.status.should.equal(401);
            html.headers['content-type'].should.startWith('text/html');
            html.body.should.containEql('<title>Error 401 Unauthorized</title>');
        });

        it('needs no credentials for the healthcheck', async () => {
            const r = await call(sim, 'GET', '/ibis/rest/healthcheck', { auth: false });
            r.status.should.equal(200);
            JSON.parse(r.body).should.have.properties({ status: 'OK', maintenancemode: 0 });
        });

        it('answers 503 for flaky-1 once, then 201', async () => {
            const first = await call(sim, 'POST', '/ibis/rest/task/adhoc/jdoe/flaky-1');
            first.status.should.equal(503);
            first.headers['retry-after'].should.equal('0');
            const second = await call(sim, 'POST', '/ibis/rest/task/adhoc/jdoe/flaky-1');
            second.status.should.equal(201);
        });

        it('records percent-decoded segments and the raw path', async () => {
            await call(sim, 'POST', '/ibis/rest/task/adhoc/a%2Fb%20c/PAB%20HR%40%40%40140?lang=en');
            const rec = sim.requests[sim.requests.length - 1];
            rec.server.should.equal('inubit');
            rec.rawPath.should.equal('/ibis/rest/task/adhoc/a%2Fb%20c/PAB%20HR%40%40%40140');
            rec.segments.should.eql(['task', 'adhoc', 'a/b c', 'PAB HR@@@140']);
            rec.query.should.eql({ lang: 'en' });
            rec.authUser.should.equal('flow');
        });
    });

    describe('IBM BPM', () => {
        it('lists the two seed activities as JSON with a string status', async () => {
            const r = await call(sim, 'GET', adhoc(102), { accept: 'application/json' });
            r.status.should.equal(200);
            r.headers['content-type'].should.startWith('application/json');
            const body = JSON.parse(r.body);
            body.status.should.equal('200');
            body.data.activities.should.have.length(2);
            body.data.activities[0].name.should.equal('AdHocActivity 1');
        });

        it('lists the same activities as XML when asked', async () => {
            const r = await call(sim, 'GET', adhoc(102), { accept: 'application/xml' });
            r.status.should.equal(200);
            r.headers['content-type'].should.startWith('application/xml');
            r.body.should.startWith('<?xml');
            r.body.match(/<activities>/g).should.have.length(2);
            r.body.should.containEql('<endTime xsi:nil="true"/>');
        });

        it('escapes XML special characters', async () => {
            const r = await call(sim, 'GET', adhoc(103), { accept: 'application/xml' });
            r.body.should.containEql('<name>Tom &amp; Jerry &lt;draft&gt; &quot;quoted&quot; &apos;x&apos; ü€</name>');
        });

        it('answers 406 with a JSON WLE error for Accept text/plain', async () => {
            const r = await call(sim, 'GET', adhoc(102), { accept: 'text/plain' });
            r.status.should.equal(406);
            JSON.parse(r.body).status.should.equal('error');
        });

        it('answers 400 CWTBG0553E for a non-numeric instance id', async () => {
            const r = await call(sim, 'GET', adhoc('abc'));
            r.status.should.equal(400);
            const body = JSON.parse(r.body);
            body.Data.errorNumber.should.equal('CWTBG0553E');
            body.Data.errorMessageParameters.should.eql(['abc']);
        });

        it('answers 401 with an HTML page and a Basic challenge', async () => {
            const r = await call(sim, 'GET', adhoc(102), { auth: false });
            r.status.should.equal(401);
            r.headers['www-authenticate'].should.equal('Basic realm="defaultWIMFileBasedRealm"');
            r.headers['content-type'].should.startWith('text/html');
        });
    });

    describe('connections', () => {
        it('reuses one keep-alive connection and counts it', async () => {
            const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
            try {
                await call(sim, 'GET', adhoc(100), { agent });
                await call(sim, 'GET', adhoc(101), { agent });
                sim.requests.should.have.length(2);
                sim.requests[0].socketId.should.equal(sim.requests[1].socketId);
                sim.stats.connections.should.equal(1);
                sim.stats.inFlight.should.equal(0);
                sim.stats.maxInFlight.should.equal(1);
            } finally {
                agent.destroy();
            }
        });

        it('closes promptly while a keep-alive connection is open', async () => {
            const own = await startSimulator({ port: 0 });
            const agent = new http.Agent({ keepAlive: true });
            try {
                (await call(own, 'GET', '/ibis/rest/healthcheck', { agent })).status.should.equal(200);
                const t0 = Date.now();
                await own.close();
                (Date.now() - t0).should.be.below(500);
            } finally {
                agent.destroy();
            }
        });
    });
});
