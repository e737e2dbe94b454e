'use strict';

// Checks the simulator itself with plain node:http, so client bugs cannot hide
// simulator bugs (and vice versa).

const http = require('http');
const path = require('path');
const { spawn, spawnSync } = require('child_process');
const should = require('should');
const { startSimulator } = require('./simulator');
const fixtures = require('./simulator/fixtures');

function call(sim, method, path, { auth = true, accept, agent, headers: extra, body } = {}) {
    const headers = Object.assign({}, extra);
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
        req.end(body);
    });
}

const adhoc = (id) => `/rest/bpm/wle/v1/process/${id}/adHocActivities`;
const START = 'action=ACTION_START_ACTIVITY';
const activity = (id, query = START) => `/rest/bpm/wle/v1/activity/${encodeURIComponent(id)}${query ? '?' + query : ''}`;
const starters = (user, query = '') => `/ibis/rest/task/adhoc/${encodeURIComponent(user)}${query ? '?' + query : ''}`;

// Decoded attributes of each <Module/>, read independently of the clients under test.
function modules(xml) {
    const decode = (v) => v.replace(/&(#\d+|amp|lt|gt|quot|apos);/g, (m, e) => (e[0] === '#'
        ? String.fromCodePoint(Number(e.slice(1)))
        : { amp: '&', lt: '<', gt: '>', quot: '"', apos: '\'' }[e]));
    return Array.from(xml.matchAll(/<Module\s([^>]*?)\/>/g), (m) => {
        const attrs = {};
        for (const [, name, value] of m[1].matchAll(/([\w:]+)="([^"]*)"/g)) attrs[name] = decode(value);
        return attrs;
    });
}

// Resolves with the status and headers only, then drops the connection (for huge bodies).
function head(sim, method, path) {
    const headers = { Authorization: 'Basic ' + Buffer.from(`${sim.username}:${sim.password}`).toString('base64') };
    return new Promise((resolve, reject) => {
        const req = http.request(sim.url + path, { method, headers, agent: false }, (res) => {
            resolve({ status: res.statusCode, headers: res.headers });
            req.destroy();
        });
        req.on('error', reject);
        req.end();
    });
}

// Resolves with the socket error the client saw.
function callFails(sim, method, path) {
    return call(sim, method, path).then(() => { throw new Error('expected the connection to fail'); }, (err) => err);
}

const LOGIN_BODY = '{"refresh-groups":false,"requested-lifetime":7200}';

const READY = fixtures.STARTABLE_ACTIVITIES.filter((a) => a.executionState === 'READY');
const NOT_READY = fixtures.STARTABLE_ACTIVITIES.filter((a) => a.executionState !== 'READY');
const DETAIL_KEYS = ['id', 'name', 'executionState', 'activityType', 'executionType', 'optionType', 'required', 'repeatable',
    'startTime', 'endTime', 'hidden', 'enablingDocumentID', 'dueDate', 'taskId', 'taskOwnerUserId', 'taskOwnerGroupId',
    'narrative', 'preconditionType', 'preconditionTriggers', 'preconditionExpressions', 'preconditionIsMatchAll'];

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

    describe('inubit: list ad-hoc starters (GET /task/adhoc/{user})', () => {
        it('lists the default starters as <Modules> XML with German labels by default', async () => {
            const r = await call(sim, 'GET', starters('jdoe'));
            r.status.should.equal(200);
            r.headers['content-type'].should.equal('application/xml');
            r.body.should.startWith('<?xml');
            r.body.should.match(/<Modules version="5\.3">/);
            const list = modules(r.body);
            list.length.should.be.aboveOrEqual(3);
            list.should.eql(fixtures.INUBIT_STARTERS.map((s) => ({ id: s.id, label: s.labels.de, role: s.role, 'xml:lang': 'de' })));
        });

        it('has inubit 9 UUIDs, an inubit 8 composite id and a label that needs entities', async () => {
            const r = await call(sim, 'GET', starters('jdoe'));
            const ids = modules(r.body).map((m) => m.id);
            ids.filter((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)).length.should.be.aboveOrEqual(2);
            ids.should.containEql('PAB HR-Recruiting Vorauswahl@@@HR_Sachbearbeiter@@@WF Starter@@@140');
            r.body.should.containEql('label="Reisekosten &amp; Spesen &lt;Entwurf&gt; &quot;eilig&quot; &apos;Q3&apos; Best&#228;tigung"');
        });

        it('gives English labels and xml:lang="en" for lang=en, and records client and userType', async () => {
            const r = await call(sim, 'GET', starters('jdoe', 'lang=en&client=acme&userType=processEngineUser'));
            r.status.should.equal(200);
            modules(r.body).should.eql(fixtures.INUBIT_STARTERS.map((s) => ({ id: s.id, label: s.labels.en, role: s.role, 'xml:lang': 'en' })));
            sim.requests[0].query.should.eql({ lang: 'en', client: 'acme', userType: 'processEngineUser' });
            sim.requests[0].segments.should.eql(['task', 'adhoc', 'jdoe']);
        });

        it('answers German for lang=de and for a language it does not have', async () => {
            for (const query of ['lang=de', 'lang=fr']) {
                const r = await call(sim, 'GET', starters('jdoe', query));
                modules(r.body).map((m) => m['xml:lang']).should.eql(fixtures.INUBIT_STARTERS.map(() => 'de'));
            }
        });

        it('starts every listed starter with POST /task/adhoc/{user}/{id}', async () => {
            const list = modules((await call(sim, 'GET', starters('a/b c'))).body);
            for (const m of list) {
                const r = await call(sim, 'POST', `${starters('a/b c')}/${encodeURIComponent(m.id)}`);
                [201, 204].should.containEql(r.status);
                sim.requests[sim.requests.length - 1].segments.should.eql(['task', 'adhoc', 'a/b c', m.id]);
            }
        });

        it('answers an empty <Modules/> for no-starters and exactly one for one-starter', async () => {
            const none = await call(sim, 'GET', starters('no-starters'));
            none.status.should.equal(200);
            none.body.should.match(/<Modules version="5\.3"\/>/);
            modules(none.body).should.eql([]);
            const one = await call(sim, 'GET', starters('one-starter'));
            modules(one.body).should.have.length(1);
        });

        it('answers N starters with unique ids for many-N', async () => {
            const r = await call(sim, 'GET', starters('many-250'));
            const list = modules(r.body);
            list.should.have.length(250);
            new Set(list.map((m) => m.id)).size.should.equal(250);
        });

        it('leaves out role and xml:lang for no-lang, and adds attributes for extra-attributes', async () => {
            const bare = modules((await call(sim, 'GET', starters('no-lang'))).body);
            bare.length.should.be.above(0);
            bare.forEach((m) => Object.keys(m).should.eql(['id', 'label']));
            const extra = modules((await call(sim, 'GET', starters('extra-attributes'))).body);
            extra[0].should.have.properties({ description: 'Antrag auf Urlaub & Freizeitausgleich', priority: '01' });
        });

        it('answers 200 with the wrong body for login-page, truncated and wrong-type', async () => {
            const login = await call(sim, 'GET', starters('login-page'));
            login.status.should.equal(200);
            login.headers['content-type'].should.startWith('text/html');
            const cut = await call(sim, 'GET', starters('truncated'));
            cut.status.should.equal(200);
            cut.headers['content-type'].should.equal('application/xml');
            cut.body.should.startWith('<?xml');
            cut.body.should.not.containEql('</Modules>');
            const json = await call(sim, 'GET', starters('wrong-type'));
            json.status.should.equal(200);
            json.headers['content-type'].should.startWith('application/json');
            json.body.should.equal('[]');
        });

        it('answers inubit errors for server-error, maintenance, unknown-user and status-NNN', async () => {
            for (const [user, status] of [['server-error', 500], ['maintenance', 503], ['unknown-user', 404], ['status-418', 418]]) {
                const r = await call(sim, 'GET', starters(user));
                r.status.should.equal(status);
                JSON.parse(r.body).should.have.properties({ statusCode: status, path: `/rest/task/adhoc/${user}` });
            }
            (await call(sim, 'GET', starters('maintenance'))).headers['retry-after'].should.equal('0');
        });

        it('answers 503 for flaky-2 twice, then the list', async () => {
            (await call(sim, 'GET', starters('flaky-2'))).status.should.equal(503);
            (await call(sim, 'GET', starters('flaky-2'))).status.should.equal(503);
            const r = await call(sim, 'GET', starters('flaky-2'));
            r.status.should.equal(200);
            modules(r.body).should.have.length(fixtures.INUBIT_STARTERS.length);
        });

        it('delays slow-N, drops the connection for reset and echoes headers without authorization', async () => {
            const t0 = Date.now();
            (await call(sim, 'GET', starters('slow-200'))).status.should.equal(200);
            (Date.now() - t0).should.be.aboveOrEqual(190);
            (await callFails(sim, 'GET', starters('reset'))).code.should.equal('ECONNRESET');
            const echo = await call(sim, 'GET', starters('echo-headers'), { headers: { 'X-Probe': 'yes' } });
            const label = JSON.parse(modules(echo.body)[0].label);
            label['x-probe'].should.equal('yes');
            label.should.not.have.property('authorization');
        });

        it('answers 401 as JSON on version 9 and as HTML on version 8, and records the request', async () => {
            const json = await call(sim, 'GET', starters('jdoe'), { auth: false });
            json.status.should.equal(401);
            JSON.parse(json.body).should.have.properties({ statusCode: 401, path: '/rest/task/adhoc/jdoe' });
            sim.setInubitVersion(8);
            const html = await call(sim, 'GET', starters('jdoe'), { auth: false });
            html.status.should.equal(401);
            html.headers['content-type'].should.startWith('text/html');
            sim.requests.map((r) => r.rawPath).should.eql(['/ibis/rest/task/adhoc/jdoe', '/ibis/rest/task/adhoc/jdoe']);
        });

        it('answers 405 for a POST to the list', async () => {
            const r = await call(sim, 'POST', starters('jdoe'));
            r.status.should.equal(405);
            r.headers.allow.should.equal('GET');
        });
    });

    describe('IBM BPM: start an ad-hoc activity (PUT /activity/{id})', () => {
        const put = (id, query, options) => call(sim, 'PUT', activity(id, query), options);
        const data = (r) => JSON.parse(r.body).data;

        it('instance 104 lists at least two READY activities and one that is not', async () => {
            const list = JSON.parse((await call(sim, 'GET', adhoc(104))).body).data.activities;
            list.should.eql(fixtures.STARTABLE_ACTIVITIES);
            READY.length.should.be.aboveOrEqual(2);
            NOT_READY.length.should.be.aboveOrEqual(1);
        });

        it('starts a READY activity: 200 with the details, WORKING since now, a task for the assignee', async () => {
            const t0 = Date.now();
            const r = await put(READY[0].id, `${START}&assignTo=${encodeURIComponent('j doe')}`);
            r.status.should.equal(200);
            r.headers['content-type'].should.equal('application/json;charset=UTF-8');
            const body = JSON.parse(r.body);
            body.status.should.equal('200');
            Object.keys(body.data).should.eql(DETAIL_KEYS);
            body.data.should.match({ id: READY[0].id, name: READY[0].name, executionState: 'WORKING', taskOwnerUserId: 'j doe' });
            body.data.taskId.should.match(/^\d+$/);
            body.data.preconditionTriggers.should.eql({ triggers: [] });
            (Date.parse(body.data.startTime) - Math.floor(t0 / 1000) * 1000).should.be.within(0, 5000);
        });

        it('records the PUT with its query', async () => {
            await put(READY[0].id, `${START}&assignTo=jdoe`);
            sim.requests.should.have.length(1);
            sim.requests[0].should.match({
                server: 'bpm', method: 'PUT', rawPath: `/rest/bpm/wle/v1/activity/${READY[0].id}`,
                query: { action: 'ACTION_START_ACTIVITY', assignTo: 'jdoe' }, segments: ['activity', READY[0].id], authUser: 'flow'
            });
        });

        it('starts every READY activity of the list, and then lists them as WORKING', async () => {
            const list = JSON.parse((await call(sim, 'GET', adhoc(104))).body).data.activities;
            const ready = list.filter((a) => a.executionState === 'READY');
            for (const a of ready) {
                const r = await put(a.id);
                r.status.should.equal(200);
                data(r).executionState.should.equal('WORKING');
            }
            const after = JSON.parse((await call(sim, 'GET', adhoc(104))).body).data.activities;
            after.filter((a) => ready.some((b) => b.id === a.id)).forEach((a) => {
                a.executionState.should.equal('WORKING');
                a.startTime.should.be.a.String();
            });
        });

        it('sets taskOwnerUserId null without assignTo, and taskId null for a called process', async () => {
            const user = data(await put(READY[0].id));
            should(user.taskOwnerUserId).be.null();
            const called = READY.find((a) => a.activityType === 'CALLED_PROCESS');
            const details = data(await put(called.id));
            should(details.taskId).be.null();
        });

        it('refuses a second start of a non-repeatable activity with 400 CWTBG0548E', async () => {
            const once = READY.find((a) => !a.repeatable);
            (await put(once.id)).status.should.equal(200);
            const again = await put(once.id);
            again.status.should.equal(400);
            const err = JSON.parse(again.body);
            err.status.should.equal('error');
            err.Data.errorNumber.should.equal('CWTBG0548E');
            err.Data.errorMessage.should.containEql('not valid');
        });

        it('starts a repeatable activity again, each time with a new task', async () => {
            const repeatable = READY.find((a) => a.repeatable && a.activityType === 'USER_TASK');
            const first = data(await put(repeatable.id));
            const second = data(await put(repeatable.id));
            first.taskId.should.not.equal(second.taskId);
        });

        it('refuses activities that are not READY (DISABLED, COMPLETED, WORKING)', async () => {
            const working = fixtures.SEED_ACTIVITIES.find((a) => a.executionState === 'WORKING');
            for (const a of [...NOT_READY, working]) {
                const r = await put(a.id);
                r.status.should.equal(400);
                const e = JSON.parse(r.body).Data;
                e.errorNumber.should.equal('CWTBG0548E');
                e.errorMessageParameters.should.eql(['ACTION_START_ACTIVITY', a.id, a.executionState]);
            }
        });

        it('forgets every start on reset()', async () => {
            const once = READY.find((a) => !a.repeatable);
            (await put(once.id)).status.should.equal(200);
            sim.reset();
            (await put(once.id)).status.should.equal(200);
            sim.reset();
            JSON.parse((await call(sim, 'GET', adhoc(104))).body).data.activities.should.eql(fixtures.STARTABLE_ACTIVITIES);
        });

        it('answers XML when the Accept header asks only for XML, JSON when it allows both', async () => {
            const xml = await put(READY[0].id, START, { accept: 'application/xml' });
            xml.status.should.equal(200);
            xml.headers['content-type'].should.equal('application/xml;charset=UTF-8');
            xml.body.should.containEql('<bpm:ResponseData');
            xml.body.should.containEql('<executionState>WORKING</executionState>');
            xml.body.should.containEql('<dueDate xsi:nil="true"/>');
            const json = await put('2118.any', START, { accept: 'application/json, application/xml' });
            json.headers['content-type'].should.startWith('application/json');
        });

        it('answers 405 with Allow: PUT for another method, but takes POST with X-HTTP-Method-Override: PUT', async () => {
            for (const method of ['GET', 'POST', 'DELETE']) {
                const r = await call(sim, method, activity(READY[0].id));
                r.status.should.equal(405);
                r.headers.allow.should.equal('PUT');
            }
            const r = await call(sim, 'POST', activity(READY[0].id), { headers: { 'X-HTTP-Method-Override': 'PUT' } });
            r.status.should.equal(200);
        });

        it('takes the long form: a POST with X-HTTP-Method-Override: PUT and the query as a form body', async () => {
            const r = await call(sim, 'POST', `/rest/bpm/wle/v1/activity/${READY[0].id}`, {
                headers: { 'X-HTTP-Method-Override': 'PUT', 'Content-Type': 'application/x-www-form-urlencoded' },
                body: `${START}&assignTo=${encodeURIComponent('j doe')}`
            });
            r.status.should.equal(200);
            JSON.parse(r.body).data.should.match({ id: READY[0].id, executionState: 'WORKING', taskOwnerUserId: 'j doe' });
            sim.requests[0].should.match({ method: 'POST', query: { action: 'ACTION_START_ACTIVITY', assignTo: 'j doe' } });
        });

        it('answers 400 CWTBG0547E for a missing or unknown action, and 400 CWTBG0548E for the other actions', async () => {
            const missing = await put(READY[0].id, '');
            missing.status.should.equal(400);
            JSON.parse(missing.body).Data.errorNumber.should.equal('CWTBG0547E');
            const unknown = await put(READY[0].id, 'action=ACTION_FLY');
            unknown.status.should.equal(400);
            JSON.parse(unknown.body).Data.should.match({ errorNumber: 'CWTBG0547E', errorMessage: /ACTION_FLY/ });
            for (const action of ['ACTION_VIEW_ACTIVITY', 'ACTION_DISABLE_ACTIVITY', 'ACTION_ENABLE_ACTIVITY']) {
                const r = await put(READY[0].id, `action=${action}`);
                r.status.should.equal(400);
                JSON.parse(r.body).Data.errorNumber.should.equal('CWTBG0548E');
            }
            // None of these started it.
            (await put(READY[0].id)).status.should.equal(200);
        });

        it('starts any other 2118.x id with made-up details, every time', async () => {
            for (let i = 0; i < 2; i++) {
                const r = await put('2118.a1b2c3', `${START}&assignTo=alice`);
                r.status.should.equal(200);
                data(r).should.match({ id: '2118.a1b2c3', name: 'Ad-hoc activity 2118.a1b2c3', activityType: 'USER_TASK', executionState: 'WORKING', taskOwnerUserId: 'alice' });
                data(r).taskId.should.match(/^\d+$/);
            }
        });

        it('answers 404 CWTBG0059E for a numeric id and 400 CWTBG0553E for another id', async () => {
            const missing = await put('12345');
            missing.status.should.equal(404);
            JSON.parse(missing.body).Data.errorNumber.should.equal('CWTBG0059E');
            const bad = await put('abc');
            bad.status.should.equal(400);
            JSON.parse(bad.body).Data.errorNumber.should.equal('CWTBG0553E');
        });

        it('answers with-task with a task and no-task without one', async () => {
            const withTask = data(await put('with-task'));
            withTask.taskId.should.match(/^\d+$/);
            withTask.activityType.should.equal('USER_TASK');
            const noTask = await put('no-task');
            noTask.status.should.equal(200);
            should(data(noTask).taskId).be.null();
            data(noTask).activityType.should.equal('CALLED_PROCESS');
        });

        it('answers WLE errors for not-startable, unknown-activity, forbidden, conflict, server-error and maintenance', async () => {
            const cases = [
                ['not-startable', 400, 'CWTBG0548E'],
                ['unknown-activity', 404, 'CWTBG0059E'],
                ['forbidden', 403, 'CWTBG0549E'],
                ['conflict', 409, undefined],
                ['server-error', 500, 'CWTBG0019E'],
                ['maintenance', 503, undefined]
            ];
            for (const [key, status, number] of cases) {
                const r = await put(key);
                r.status.should.equal(status, key);
                const e = JSON.parse(r.body);
                e.status.should.equal('error');
                e.Data.errorMessage.should.be.a.String();
                if (number) e.Data.errorNumber.should.equal(number);
            }
            JSON.parse((await put('server-error')).body).Data.programmersDetails.should.equal(fixtures.STACK_TRACE);
            (await put('maintenance')).headers['retry-after'].should.equal('0');
            const xml = await put('forbidden', START, { accept: 'application/xml' });
            xml.body.should.containEql('<RestRuntimeException');
            xml.body.should.containEql('<errorNumber>CWTBG0549E</errorNumber>');
        });

        it('answers 200 without a data object for no-data and data-not-object', async () => {
            const none = await put('no-data');
            none.status.should.equal(200);
            JSON.parse(none.body).should.eql({ status: '200' });
            const text = await put('data-not-object');
            text.status.should.equal(200);
            JSON.parse(text.body).should.eql({ status: '200', data: 'x' });
        });

        it('answers text-fields with text that must stay text, in JSON and in XML', async () => {
            data(await put('text-fields')).should.eql(fixtures.TEXT_FIELDS_DETAILS);
            fixtures.TEXT_FIELDS_DETAILS.should.match({ id: '2118.0042', name: '007', taskId: '000123', dueDate: null, narrative: 'a &amp; b <i>' });
            const xml = (await put('text-fields', START, { accept: 'application/xml' })).body;
            xml.should.containEql('<name>007</name>');
            xml.should.containEql('<taskId>000123</taskId>');
            xml.should.containEql('<narrative>a &amp;amp; b &lt;i&gt;</narrative>');
            xml.should.containEql('<triggers>0042</triggers>');
        });

        it('answers 503 for flaky-2 twice, then 200', async () => {
            (await put('flaky-2')).status.should.equal(503);
            (await put('flaky-2')).status.should.equal(503);
            (await put('flaky-2')).status.should.equal(200);
        });

        it('answers status-NNN with a WLE error of that status', async () => {
            const r = await put('status-418');
            r.status.should.equal(418);
            JSON.parse(r.body).status.should.equal('error');
        });

        it('answers 200 with the wrong body for login-page, truncated and wrong-type', async () => {
            const login = await put('login-page');
            login.status.should.equal(200);
            login.headers['content-type'].should.startWith('text/html');
            const cut = await put('truncated');
            cut.status.should.equal(200);
            (() => JSON.parse(cut.body)).should.throw();
            const text = await put('wrong-type');
            text.status.should.equal(200);
            text.headers['content-type'].should.startWith('text/plain');
        });

        it('echoes the request headers without authorization in the narrative', async () => {
            const r = await put('echo-headers', START, { headers: { 'X-Probe': 'yes' } });
            const headers = JSON.parse(data(r).narrative);
            headers['x-probe'].should.equal('yes');
            headers.should.not.have.property('authorization');
        });

        it('delays slow-N, drops the connection for reset and reset-mid-body', async () => {
            const t0 = Date.now();
            (await put('slow-200')).status.should.equal(200);
            (Date.now() - t0).should.be.aboveOrEqual(190);
            (await callFails(sim, 'PUT', activity('reset'))).code.should.equal('ECONNRESET');
            should.exist(await callFails(sim, 'PUT', activity('reset-mid-body')));
        });

        it('redirects redirect-same to ok-after-redirect, query kept, which starts', async () => {
            const r = await put('redirect-same');
            r.status.should.equal(302);
            r.headers.location.should.equal(`${sim.url}/rest/bpm/wle/v1/activity/ok-after-redirect?${START}`);
            (await put('ok-after-redirect')).status.should.equal(200);
        });

        it('declares a huge body for huge', async () => {
            const r = await head(sim, 'PUT', activity('huge'));
            r.status.should.equal(200);
            Number(r.headers['content-length']).should.be.above(20 * 1024 * 1024);
        });

        it('answers 401 with an HTML page under a prefix too, and records the request', async () => {
            const r = await call(sim, 'PUT', `/bpm/dev${activity(READY[0].id)}`, { auth: false });
            r.status.should.equal(401);
            r.headers['content-type'].should.startWith('text/html');
            sim.requests.should.have.length(1);
            sim.requests[0].should.match({ server: 'bpm', method: 'PUT', authUser: null, segments: ['activity', READY[0].id] });
            // Nothing was started.
            (await put(READY[0].id)).status.should.equal(200);
        });
    });

    describe('authentication kinds', () => {
        it('takes Basic on both servers by default and records the kind of each request', async () => {
            sim.should.match({ inubitAuth: 'basic', bpmAuth: 'basic', token: 'sim-bearer-token', apiKey: 'sim-api-key', bpmCsrf: 'off', maintenance: false });
            (await call(sim, 'GET', starters('jdoe'))).status.should.equal(200);
            (await call(sim, 'GET', adhoc(102))).status.should.equal(200);
            (await call(sim, 'GET', adhoc(102), { auth: false })).status.should.equal(401);
            sim.requests.map((r) => [r.authKind, r.authKinds, r.authUser, r.csrfToken]).should.eql([
                ['basic', ['basic'], 'flow', null], ['basic', ['basic'], 'flow', null], [null, [], null, null]
            ]);
        });

        it('bearer: takes the token on both servers and refuses Basic and a wrong token', async () => {
            sim.setInubitAuth('bearer');
            sim.setBpmAuth('bearer');
            const bearer = { Authorization: 'Bearer sim-bearer-token' };
            (await call(sim, 'POST', '/ibis/rest/task/adhoc/jdoe/x', { auth: false, headers: bearer })).status.should.equal(201);
            (await call(sim, 'GET', adhoc(102), { auth: false, headers: bearer })).status.should.equal(200);
            sim.requests.map((r) => [r.authKind, r.authUser]).should.eql([['bearer', null], ['bearer', null]]);

            const basicInubit = await call(sim, 'POST', '/ibis/rest/task/adhoc/jdoe/x');
            basicInubit.status.should.equal(401);
            JSON.parse(basicInubit.body).statusCode.should.equal(401);
            const basicBpm = await call(sim, 'GET', adhoc(102));
            basicBpm.status.should.equal(401);
            basicBpm.headers['content-type'].should.startWith('text/html');
            basicBpm.headers['www-authenticate'].should.equal('Bearer realm="defaultWIMFileBasedRealm"');
            const wrong = { Authorization: 'Bearer other' };
            (await call(sim, 'GET', starters('jdoe'), { auth: false, headers: wrong })).status.should.equal(401);
            (await call(sim, 'GET', adhoc(102), { auth: false, headers: wrong })).status.should.equal(401);

            sim.setToken('next-token');
            sim.token.should.equal('next-token');
            (await call(sim, 'GET', adhoc(102), { auth: false, headers: bearer })).status.should.equal(401);
            (await call(sim, 'GET', adhoc(102), { auth: false, headers: { Authorization: 'Bearer next-token' } })).status.should.equal(200);
        });

        it('zenApiKey (IBM only): takes base64(username:apiKey) and refuses Basic, Bearer and a wrong key or user', async () => {
            sim.setBpmAuth('zenApiKey');
            const zen = (text) => ({ Authorization: 'ZenApiKey ' + Buffer.from(text).toString('base64') });
            const ok = await call(sim, 'GET', adhoc(102), { auth: false, headers: zen('flow:sim-api-key') });
            ok.status.should.equal(200);
            sim.requests[0].should.match({ authKind: 'zenApiKey', authUser: 'flow' });
            for (const headers of [zen('flow:wrong'), zen('other:sim-api-key'), { Authorization: 'Bearer sim-bearer-token' }]) {
                (await call(sim, 'GET', adhoc(102), { auth: false, headers })).status.should.equal(401);
            }
            const basic = await call(sim, 'GET', adhoc(102));
            basic.status.should.equal(401);
            basic.headers['www-authenticate'].should.equal('ZenApiKey realm="defaultWIMFileBasedRealm"');
            sim.setApiKey('k2');
            (await call(sim, 'GET', adhoc(102), { auth: false, headers: zen('flow:k2') })).status.should.equal(200);
            // inubit knows no API keys, IBM no portal tokens.
            (() => sim.setInubitAuth('zenApiKey')).should.throw(RangeError);
            (() => sim.setBpmAuth('portalToken')).should.throw(RangeError);
            (() => sim.setBpmAuth('kerberos')).should.throw(RangeError);
            sim.inubitAuth.should.equal('basic');
        });

        it('portalToken (inubit only): takes X-AUTH-TOKEN: Bearer, with userType=processUser too', async () => {
            sim.setInubitAuth('portalToken');
            const portal = { 'X-AUTH-TOKEN': 'Bearer sim-bearer-token' };
            const list = await call(sim, 'GET', starters('jdoe', 'userType=processUser'), { auth: false, headers: portal });
            list.status.should.equal(200);
            list.body.should.match(/<Modules version="5\.3" userType="processUser">/);
            const start = await call(sim, 'POST', `${starters('jdoe')}/x?userType=processUser`, { auth: false, headers: portal });
            start.status.should.equal(201);
            start.headers['x-user-type'].should.equal('processUser');
            (await call(sim, 'GET', starters('jdoe'), { auth: false, headers: portal })).status.should.equal(200);
            sim.requests.map((r) => [r.authKind, r.authUser]).should.eql([['portalToken', null], ['portalToken', null], ['portalToken', null]]);

            // The token in the wrong header, Basic, a wrong token, and inubit's own user base all fail.
            for (const [path, headers] of [
                [starters('jdoe'), { Authorization: 'Bearer sim-bearer-token' }],
                [starters('jdoe'), { 'X-AUTH-TOKEN': 'Bearer other' }],
                [starters('jdoe'), { 'X-AUTH-TOKEN': 'sim-bearer-token' }],
                [starters('jdoe', 'userType=processEngineUser'), portal]
            ]) {
                (await call(sim, 'GET', path, { auth: false, headers })).status.should.equal(401, JSON.stringify(headers));
            }
            (await call(sim, 'GET', starters('jdoe'))).status.should.equal(401);
            sim.setInubitVersion(8);
            const html = await call(sim, 'GET', starters('jdoe'));
            html.status.should.equal(401);
            html.headers['content-type'].should.startWith('text/html');
            // Basic credentials sent along do not spoil a valid token; both kinds are recorded.
            (await call(sim, 'GET', starters('jdoe'), { headers: portal })).status.should.equal(200);
            sim.requests[sim.requests.length - 1].authKinds.should.eql(['basic', 'portalToken']);
        });

        it('none: answers both servers without credentials, and with them', async () => {
            sim.setInubitAuth('none');
            sim.setBpmAuth('none');
            (await call(sim, 'POST', '/ibis/rest/task/adhoc/jdoe/x', { auth: false })).status.should.equal(201);
            (await call(sim, 'GET', starters('jdoe'), { auth: false })).status.should.equal(200);
            (await call(sim, 'PUT', activity(READY[0].id), { auth: false })).status.should.equal(200);
            (await call(sim, 'GET', adhoc(102))).status.should.equal(200);
            sim.requests.map((r) => r.authKind).should.eql([null, null, null, 'basic']);
        });

        it('form: redirects a request without valid credentials to {origin}[/prefix]/login.html', async () => {
            sim.setInubitAuth('form');
            sim.setBpmAuth('form');
            const cases = [
                ['POST', '/ibis/rest/task/adhoc/jdoe/x', `${sim.url}/login.html`],
                ['GET', starters('jdoe'), `${sim.url}/login.html`],
                ['GET', adhoc(102), `${sim.url}/login.html`],
                ['PUT', `/bas${activity(READY[0].id)}`, `${sim.url}/bas/login.html`],
                ['GET', '/bpm/dev/rest/bpm/wle/v1/systems', `${sim.url}/bpm/dev/login.html`]
            ];
            for (const [method, path, location] of cases) {
                for (const auth of [false, { Authorization: 'Basic ' + Buffer.from('flow:wrong').toString('base64') }]) {
                    const r = await call(sim, method, path, { auth: false, headers: auth || {} });
                    r.status.should.equal(302, path);
                    r.headers.location.should.equal(location);
                }
            }
            // The application server also takes Basic credentials.
            (await call(sim, 'GET', starters('jdoe'))).status.should.equal(200);
            (await call(sim, 'GET', `/bas${adhoc(102)}`)).status.should.equal(200);
            (await call(sim, 'GET', '/ibis/rest/healthcheck', { auth: false })).status.should.equal(200);
        });

        it('serves the login form at /login.html and below a prefix', async () => {
            for (const path of ['/login.html', '/bas/login.html', '/bpm/dev/login.html']) {
                const r = await call(sim, 'GET', path, { auth: false });
                r.status.should.equal(200);
                r.headers['content-type'].should.startWith('text/html');
                r.body.should.containEql('<form action="j_security_check" method="post">');
                r.body.should.match(/<input type="password"/);
            }
        });

        it('takes the modes as start options, and reset() restores them', async () => {
            const own = await startSimulator({ port: 0, inubitAuth: 'portalToken', bpmAuth: 'zenApiKey', token: 'tok', apiKey: 'key' });
            try {
                const zen = { Authorization: 'ZenApiKey ' + Buffer.from('flow:key').toString('base64') };
                (await call(own, 'GET', adhoc(102), { auth: false, headers: zen })).status.should.equal(200);
                (await call(own, 'GET', starters('jdoe'), { auth: false, headers: { 'X-AUTH-TOKEN': 'Bearer tok' } })).status.should.equal(200);
                own.setInubitAuth('basic');
                own.setBpmAuth('none');
                own.setToken('x');
                own.setApiKey('y');
                own.reset();
                own.should.match({ inubitAuth: 'portalToken', bpmAuth: 'zenApiKey', token: 'tok', apiKey: 'key' });
                (await call(own, 'GET', adhoc(102), { auth: false, headers: zen })).status.should.equal(200);
            } finally {
                await own.close();
            }
            (() => startSimulator({ port: 0, inubitAuth: 'zenApiKey' })).should.throw(RangeError);
            (() => startSimulator({ port: 0, bpmCsrf: 'auto' })).should.throw(RangeError);
            (() => startSimulator({ port: 0, csrfLifetimeMs: 0 })).should.throw(RangeError);
            (() => startSimulator({ port: 0, tenants: 'acme' })).should.throw(TypeError);
        });

        it('leaves X-AUTH-TOKEN and BPMCSRFToken out of echo-headers too', async () => {
            const r = await call(sim, 'PUT', activity('echo-headers'), { headers: { 'X-AUTH-TOKEN': 'Bearer t', BPMCSRFToken: 'c', 'X-Probe': 'yes' } });
            const headers = JSON.parse(JSON.parse(r.body).data.narrative);
            headers['x-probe'].should.equal('yes');
            headers.should.not.have.properties(['authorization', 'x-auth-token', 'bpmcsrftoken']);
            sim.requests[0].headers.should.have.properties({ 'x-auth-token': 'Bearer t', bpmcsrftoken: 'c' });
        });
    });

    describe('IBM BPM: CSRF tokens', () => {
        const JSON_TYPE = { 'Content-Type': 'application/json' };
        const login = (prefix = '', options = {}) => call(sim, 'POST', `${prefix}/bpm/system/login`,
            Object.assign({ body: LOGIN_BODY }, options, { headers: Object.assign({}, JSON_TYPE, options.headers) }));
        const token = async (prefix = '') => JSON.parse((await login(prefix)).body).csrf_token;
        const withToken = (t) => ({ headers: { BPMCSRFToken: t } });
        const verifyError = (r) => {
            r.status.should.equal(403);
            r.headers['content-type'].should.startWith('application/json');
            const e = JSON.parse(r.body);
            e.status.should.equal('error');
            e.Data.should.match({ errorNumber: 'CWTBG0651E', errorMessage: 'CWTBG0651E: The BPMCSRFToken token header could not be verified.' });
        };

        it('logs in below the prefix and without one: 201 with a token, its lifetime and the user', async () => {
            for (const prefix of ['/bas', '', '/bpm/dev']) {
                const r = await login(prefix);
                r.status.should.equal(201);
                r.headers['content-type'].should.startWith('application/json');
                const body = JSON.parse(r.body);
                Object.keys(body).should.eql(['csrf_token', 'expiration', 'user_id', 'user_name']);
                body.csrf_token.should.match(/^[A-Za-z0-9_-]{16,}$/);
                body.should.match({ expiration: 7200, user_id: 'flow', user_name: 'flow' });
            }
            sim.requests.map((r) => [r.server, r.method, r.rawPath, r.body]).should.eql([
                ['bpm', 'POST', '/bas/bpm/system/login', LOGIN_BODY],
                ['bpm', 'POST', '/bpm/system/login', LOGIN_BODY],
                ['bpm', 'POST', '/bpm/dev/bpm/system/login', LOGIN_BODY]
            ]);
            sim.stats.should.match({ logins: 3, tokensIssued: 3 });
            sim.csrfTokens.should.have.length(3);
            new Set(sim.csrfTokens).size.should.equal(3);
        });

        it('caps the expiration by csrfLifetimeMs and answers 200 when csrfLoginStatus is 200', async () => {
            sim.setCsrfLifetimeMs(60000);
            sim.setCsrfLoginStatus(200);
            const r = await login();
            r.status.should.equal(200);
            JSON.parse(r.body).expiration.should.equal(60);
            sim.setCsrfLifetimeMs(10 * 3600 * 1000);
            JSON.parse((await login()).body).expiration.should.equal(7200);
            (() => sim.setCsrfLoginStatus(302)).should.throw(RangeError);
        });

        it('answers 400 to another Content-Type or body, and 405 to another method', async () => {
            const bad = [
                [{ 'Content-Type': 'text/plain' }, LOGIN_BODY],
                [{ 'Content-Type': 'application/x-www-form-urlencoded' }, LOGIN_BODY],
                [JSON_TYPE, ''],
                [JSON_TYPE, 'not json'],
                [JSON_TYPE, '{"refresh-groups":true,"requested-lifetime":7200}'],
                [JSON_TYPE, '{"refresh-groups":false,"requested-lifetime":3600}'],
                [JSON_TYPE, '{"refresh-groups":false}'],
                [JSON_TYPE, '{"refresh-groups":false,"requested-lifetime":7200,"x":1}'],
                [JSON_TYPE, '[false,7200]']
            ];
            for (const [headers, body] of bad) {
                const r = await call(sim, 'POST', '/bas/bpm/system/login', { headers, body });
                r.status.should.equal(400, body);
                JSON.parse(r.body).status.should.equal('error');
            }
            // Whitespace, key order and a charset do not matter.
            const ok = await call(sim, 'POST', '/bpm/system/login', {
                headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: '{ "requested-lifetime": 7200, "refresh-groups": false }'
            });
            ok.status.should.equal(201);
            const get = await call(sim, 'GET', '/bpm/system/login');
            get.status.should.equal(405);
            get.headers.allow.should.equal('POST');
            sim.stats.should.match({ logins: bad.length + 2, tokensIssued: 1 });
        });

        it('needs the configured authentication for the login', async () => {
            (await login('/bas', { auth: false })).status.should.equal(401);
            sim.setBpmAuth('bearer');
            (await login('/bas')).status.should.equal(401);
            (await login('/bas', { auth: false, headers: { Authorization: 'Bearer sim-bearer-token' } })).status.should.equal(201);
            sim.setBpmAuth('form');
            const form = await login('/bas', { auth: false });
            form.status.should.equal(302);
            form.headers.location.should.equal(`${sim.url}/bas/login.html`);
            sim.stats.tokensIssued.should.equal(1);
        });

        it('off: needs no token and ignores one that is not valid', async () => {
            (await call(sim, 'GET', adhoc(102))).status.should.equal(200);
            (await call(sim, 'GET', adhoc(102), withToken('made-up'))).status.should.equal(200);
            sim.requests[1].csrfToken.should.equal('made-up');
        });

        it('required: refuses a missing or unknown token with 403 CWTBG0651E as JSON, takes an issued one', async () => {
            sim.setBpmCsrf('required');
            verifyError(await call(sim, 'GET', adhoc(102)));
            verifyError(await call(sim, 'GET', adhoc(102), { accept: 'application/xml' }));
            verifyError(await call(sim, 'PUT', activity(READY[0].id), withToken('made-up')));
            verifyError(await call(sim, 'GET', '/rest/bpm/wle/v1/nothing-here'));
            // Nothing was started.
            const t = await token('/bas');
            const started = await call(sim, 'PUT', `/bas${activity(READY[0].id)}`, withToken(t));
            started.status.should.equal(200);
            JSON.parse(started.body).data.executionState.should.equal('WORKING');
            (await call(sim, 'GET', '/rest/bpm/wle/v1/systems', { headers: { bpmcsrftoken: t } })).status.should.equal(200);
            (await call(sim, 'GET', adhoc(102), Object.assign({ accept: 'application/xml' }, withToken(t)))).status.should.equal(200);
            sim.requests.filter((r) => r.rawPath.includes('/rest/')).map((r) => r.csrfToken)
                .should.eql([null, null, 'made-up', null, t, t, t]);
            // The authentication comes first.
            (await call(sim, 'GET', adhoc(102), Object.assign({ auth: false }, withToken(t)))).status.should.equal(401);
        });

        it('expireCsrfTokens() makes every issued token fail until a new login', async () => {
            sim.setBpmCsrf('required');
            const first = await token();
            const second = await token();
            (await call(sim, 'GET', adhoc(102), withToken(first))).status.should.equal(200);
            sim.expireCsrfTokens();
            verifyError(await call(sim, 'GET', adhoc(102), withToken(first)));
            verifyError(await call(sim, 'GET', adhoc(102), withToken(second)));
            const third = await token();
            (await call(sim, 'GET', adhoc(102), withToken(third))).status.should.equal(200);
            sim.stats.logins.should.equal(3);
        });

        it('lets a token expire after csrfLifetimeMs', async () => {
            sim.setBpmCsrf('required');
            sim.setCsrfLifetimeMs(150);
            const r = await login();
            JSON.parse(r.body).expiration.should.equal(0);
            const t = JSON.parse(r.body).csrf_token;
            (await call(sim, 'GET', adhoc(102), withToken(t))).status.should.equal(200);
            await new Promise((resolve) => setTimeout(resolve, 200));
            verifyError(await call(sim, 'GET', adhoc(102), withToken(t)));
        });

        it('fails the login on demand: a status with a WLE error, or a 200 HTML page', async () => {
            for (const status of [500, 401, 403]) {
                sim.setCsrfLoginFailure(status);
                const r = await login();
                r.status.should.equal(status);
                const body = JSON.parse(r.body);
                body.status.should.equal('error');
                body.should.not.have.property('csrf_token');
                body.Data.errorMessage.should.be.a.String();
            }
            sim.setCsrfLoginFailure('html');
            const html = await login();
            html.status.should.equal(200);
            html.headers['content-type'].should.startWith('text/html');
            html.body.should.containEql('j_security_check');
            sim.stats.should.match({ logins: 4, tokensIssued: 0 });
            sim.setCsrfLoginFailure(null);
            (await login()).status.should.equal(201);
            (() => sim.setCsrfLoginFailure('xml')).should.throw(RangeError);
        });

        it('reset() forgets tokens and counts and restores the start options', async () => {
            const own = await startSimulator({ port: 0, bpmCsrf: 'required', csrfLifetimeMs: 60000, csrfLoginStatus: 200, csrfLoginFailure: 503 });
            try {
                own.bpmCsrf.should.equal('required');
                (await call(own, 'POST', '/bpm/system/login', { headers: JSON_TYPE, body: LOGIN_BODY })).status.should.equal(503);
                own.setCsrfLoginFailure(null);
                const r = await call(own, 'POST', '/bpm/system/login', { headers: JSON_TYPE, body: LOGIN_BODY });
                r.status.should.equal(200);
                JSON.parse(r.body).expiration.should.equal(60);
                const t = JSON.parse(r.body).csrf_token;
                own.setBpmCsrf('off');
                own.setCsrfLifetimeMs(1000);
                own.reset();
                own.should.match({ bpmCsrf: 'required', csrfLifetimeMs: 60000 });
                own.stats.should.match({ logins: 0, tokensIssued: 0 });
                own.csrfTokens.should.eql([]);
                verifyError(await call(own, 'GET', adhoc(102), withToken(t)));
                (await call(own, 'POST', '/bpm/system/login', { headers: JSON_TYPE, body: LOGIN_BODY })).status.should.equal(503);
            } finally {
                await own.close();
            }
        });
    });

    describe('inubit: tenant and user base', () => {
        it('echoes client and userType as <Modules> attributes, also on an empty list', async () => {
            const r = await call(sim, 'GET', starters('jdoe', 'client=acme&userType=processEngineUser&lang=en'));
            r.status.should.equal(200);
            r.body.should.match(/<Modules version="5\.3" client="acme" userType="processEngineUser">/);
            modules(r.body).should.have.length(fixtures.INUBIT_STARTERS.length);
            (await call(sim, 'GET', starters('no-starters', 'client=acme'))).body.should.match(/<Modules version="5\.3" client="acme"\/>/);
            (await call(sim, 'GET', starters('jdoe', 'client=a%26b%C3%A4'))).body.should.match(/<Modules version="5\.3" client="a&amp;b&#228;">/);
            const many = await call(sim, 'GET', starters('many-3', 'userType=processUser'));
            many.body.should.match(/<Modules version="5\.3" userType="processUser">/);
            (await call(sim, 'GET', starters('many-3'))).body.should.match(/<Modules version="5\.3">/);
        });

        it('echoes them as X-Client and X-User-Type on a start, which stays application/plain', async () => {
            const r = await call(sim, 'POST', `${starters('jdoe')}/x?client=acme&userType=processUser`);
            r.status.should.equal(201);
            r.headers['content-type'].should.equal('application/plain');
            r.headers.should.have.properties({ 'x-client': 'acme', 'x-user-type': 'processUser' });
            const plain = await call(sim, 'POST', `${starters('jdoe')}/x`);
            plain.headers.should.not.have.properties(['x-client', 'x-user-type']);
            (await call(sim, 'POST', `${starters('jdoe')}/no-task?client=acme`)).headers['x-client'].should.equal('acme');
            // Text that a header cannot carry is percent-encoded.
            (await call(sim, 'POST', `${starters('jdoe')}/x?client=M%C3%BCller`)).headers['x-client'].should.equal('M%C3%BCller');
        });

        it('with a list of tenants, answers 404 "Unknown client" to another client', async () => {
            sim.setTenants(['acme', 'globex']);
            sim.tenants.should.eql(['acme', 'globex']);
            for (const [method, path] of [['GET', starters('jdoe', 'client=initech')], ['POST', `${starters('jdoe')}/x?client=initech`]]) {
                const r = await call(sim, method, path);
                r.status.should.equal(404);
                JSON.parse(r.body).should.have.properties({ statusCode: 404, message: 'Unknown client' });
            }
            (await call(sim, 'GET', starters('jdoe', 'client=globex'))).status.should.equal(200);
            (await call(sim, 'POST', `${starters('jdoe')}/x?client=acme`)).status.should.equal(201);
            (await call(sim, 'POST', `${starters('jdoe')}/x`)).status.should.equal(201);
            // Credentials are checked first.
            (await call(sim, 'GET', starters('jdoe', 'client=initech'), { auth: false })).status.should.equal(401);
            sim.reset();
            (await call(sim, 'GET', starters('jdoe', 'client=initech'))).status.should.equal(200);
            const own = await startSimulator({ port: 0, tenants: ['acme'] });
            try {
                (await call(own, 'GET', starters('jdoe', 'client=initech'))).status.should.equal(404);
                own.setTenants(null);
                (await call(own, 'GET', starters('jdoe', 'client=initech'))).status.should.equal(200);
            } finally {
                await own.close();
            }
        });
    });

    describe('maintenance mode', () => {
        it('inubit: 503 on /task/..., with or without credentials; the healthcheck says maintenancemode 1', async () => {
            sim.setMaintenance(true);
            sim.maintenance.should.equal(true);
            for (const [method, path, auth] of [['GET', starters('jdoe'), true], ['POST', `${starters('jdoe')}/x`, true], ['POST', `${starters('jdoe')}/x`, false]]) {
                const r = await call(sim, method, path, { auth });
                r.status.should.equal(503);
                r.headers['retry-after'].should.equal('0');
                JSON.parse(r.body).should.have.properties({ statusCode: 503, path: path.replace(/^\/ibis/, '').replace(/\?.*$/, '') });
            }
            const health = await call(sim, 'GET', '/ibis/rest/healthcheck', { auth: false });
            health.status.should.equal(200);
            JSON.parse(health.body).should.have.properties({ status: 'OK', maintenancemode: 1 });
            sim.setMaintenance(false);
            JSON.parse((await call(sim, 'GET', '/ibis/rest/healthcheck', { auth: false })).body).maintenancemode.should.equal(0);
            (await call(sim, 'POST', `${starters('jdoe')}/x`)).status.should.equal(201);
        });

        it('IBM BPM: 503 on everything, the login included, until reset()', async () => {
            sim.setMaintenance(true);
            for (const [method, path, auth] of [
                ['GET', adhoc(102), true], ['GET', adhoc(102), false], ['PUT', activity(READY[0].id), true],
                ['GET', '/bas/rest/bpm/wle/v1/systems', true], ['GET', '/rest/bpm/wle/v1/nothing-here', true],
                ['POST', '/bas/bpm/system/login', true]
            ]) {
                const r = await call(sim, method, path, { auth, headers: { 'Content-Type': 'application/json' }, body: method === 'POST' ? LOGIN_BODY : undefined });
                r.status.should.equal(503, path);
                JSON.parse(r.body).status.should.equal('error');
            }
            sim.stats.tokensIssued.should.equal(0);
            sim.reset();
            sim.maintenance.should.equal(false);
            (await call(sim, 'PUT', activity(READY[0].id))).status.should.equal(200);
            const own = await startSimulator({ port: 0, maintenance: true });
            try {
                (await call(own, 'GET', adhoc(102))).status.should.equal(503);
                JSON.parse((await call(own, 'GET', '/ibis/rest/healthcheck')).body).maintenancemode.should.equal(1);
            } finally {
                await own.close();
            }
        });
    });

    describe('standalone', function () {
        // Each case starts node processes of its own.
        this.timeout(20000);
        const script = path.join(__dirname, 'simulator');

        it('takes the new modes as flags', async () => {
            const child = spawn(process.execPath, [script, '--port', '0', '--inubit-auth', 'bearer', '--bpm-auth=zenApiKey',
                '--token', 'T1', '--api-key', 'K1', '--bpm-csrf', 'required', '--csrf-lifetime-ms', '60000', '--tenants', 'acme,globex'],
            { stdio: ['ignore', 'pipe', 'inherit'] });
            const exited = new Promise((resolve) => child.once('exit', resolve));
            try {
                const url = await new Promise((resolve, reject) => {
                    let out = '';
                    child.stdout.on('data', (chunk) => {
                        out += chunk;
                        const m = /listening on (\S+)/.exec(out);
                        if (m) resolve(m[1]);
                    });
                    child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
                });
                const remote = { url, username: 'flow', password: 's3cret' };
                const bearer = { Authorization: 'Bearer T1' };
                (await call(remote, 'GET', starters('jdoe', 'client=acme'), { auth: false, headers: bearer })).status.should.equal(200);
                (await call(remote, 'GET', starters('jdoe', 'client=initech'), { auth: false, headers: bearer })).status.should.equal(404);
                (await call(remote, 'GET', starters('jdoe'))).status.should.equal(401);
                const zen = { Authorization: 'ZenApiKey ' + Buffer.from('flow:K1').toString('base64') };
                const loginAnswer = await call(remote, 'POST', '/bpm/system/login', {
                    auth: false, headers: Object.assign({ 'Content-Type': 'application/json' }, zen), body: LOGIN_BODY
                });
                loginAnswer.status.should.equal(201);
                const body = JSON.parse(loginAnswer.body);
                body.expiration.should.equal(60);
                (await call(remote, 'GET', adhoc(102), { auth: false, headers: zen })).status.should.equal(403);
                (await call(remote, 'GET', adhoc(102), { auth: false, headers: Object.assign({ BPMCSRFToken: body.csrf_token }, zen) })).status.should.equal(200);
            } finally {
                child.kill('SIGTERM');
                await exited;
            }
        });

        it('refuses a kind the server does not have, with the usage', () => {
            for (const args of [['--bpm-auth', 'portalToken'], ['--inubit-auth', 'zenApiKey'], ['--bpm-csrf', 'auto'], ['--csrf-lifetime-ms', 'x'], ['--token']]) {
                const r = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', timeout: 10000 });
                r.status.should.equal(2, args.join(' '));
                r.stderr.should.containEql('usage: node test/simulator ');
                r.stderr.should.containEql('--bpm-csrf off|required');
            }
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
