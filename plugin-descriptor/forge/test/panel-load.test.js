// The panel's reads (panel/load.js) against a fake Jira, and index.js's paths kept in step with them.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const load = require('../src/panel/load.js');
const { rules, STATUS, STAFFED, incident, followUp } = require('./fixtures.js');

const NOW = Date.parse('2026-11-29T10:00:00Z');

function fakeJira({ issues = {}, search = [], searchFails = false }) {
    const calls = [];
    const warnings = [];
    const answer = (status, body) => Promise.resolve({ ok: status < 300, status, json: () => Promise.resolve(body) });
    const jira = {
        getIncident: (key) => {
            calls.push(`GET incident ${key}`);
            return issues[key] instanceof Error ? Promise.reject(issues[key])
                : issues[key] ? answer(200, issues[key]) : answer(404, { errorMessages: ['Issue does not exist'] });
        },
        getRelated: (key) => {
            calls.push(`GET related ${key}`);
            return issues[key] ? answer(200, issues[key]) : answer(404, { errorMessages: ['Issue does not exist'] });
        },
        search: (body) => {
            calls.push(`SEARCH ${body.jql} fields=${body.fields} properties=${body.properties}`);
            return searchFails ? answer(400, { errorMessages: ['bad JQL'] }) : answer(200, { issues: search });
        }
    };
    return { calls, warnings, load: load.createPanelLoader(jira, rules, () => NOW, (m) => warnings.push(m)) };
}

test('one read and one search for an incident whose follow-ups the search finds', async () => {
    const alert = followUp('OPS-30', 'Add an alert on connection-pool usage above 80%',
        'Add an alert on connection-pool usage above 80%');
    const jira = fakeJira({ issues: { 'OPS-12': incident({ links: ['OPS-30'], properties: STAFFED }) },
        search: [alert] });

    const model = await jira.load('OPS-12');

    assert.deepEqual(jira.calls, [
        'GET incident OPS-12',
        'SEARCH issue in linkedIssues("OPS-12") OR labels = "prodsupport-from-OPS-12" '
            + 'fields=summary,status,labels,issuetype properties=prodsupport.origin'
    ]);
    assert.deepEqual(model.followUps.map((f) => f.key), ['OPS-30']);
    assert.equal(model.staffed.watchers, 2);
});

test('a linked issue the search does not return yet (Cloud search lags) is read by itself', async () => {
    const alert = followUp('OPS-30', 'Add an alert on connection-pool usage above 80%',
        'Add an alert on connection-pool usage above 80%', { status: STATUS.done });
    const jira = fakeJira({ issues: { 'OPS-12': incident({ links: ['OPS-30', 'OPS-77'] }), 'OPS-30': alert },
        search: [] });

    const model = await jira.load('OPS-12');

    assert.deepEqual(jira.calls.slice(2), ['GET related OPS-30', 'GET related OPS-77']);
    assert.deepEqual(model.followUps.map((f) => [f.key, f.status.name]), [['OPS-30', 'Done']]);
    assert.match(jira.warnings.join('\n'), /OPS-77.*HTTP 404/);
});

test('when the search fails, the linked issues are read one by one', async () => {
    const alert = followUp('OPS-30', 'Add an alert on connection-pool usage above 80%',
        'Add an alert on connection-pool usage above 80%');
    const jira = fakeJira({ issues: { 'OPS-12': incident({ links: ['OPS-30'] }), 'OPS-30': alert },
        searchFails: true });

    const model = await jira.load('OPS-12');

    assert.deepEqual(model.followUps.map((f) => f.key), ['OPS-30']);
    assert.match(jira.warnings.join('\n'), /search for its follow-ups answered HTTP 400/);
});

test('an issue outside the incident scope costs one read', async () => {
    const jira = fakeJira({ issues: { 'WEB-3': incident({ key: 'WEB-3' }) } });
    assert.deepEqual(await jira.load('WEB-3'), { key: 'WEB-3', incident: false });
    assert.equal(jira.calls.length, 1);
});

test('when Jira cannot be read the panel says so instead of failing', async () => {
    const down = fakeJira({ issues: { 'OPS-12': new Error('socket hang up') } });
    assert.deepEqual(await down.load('OPS-12'), { key: 'OPS-12', error: 'Jira could not be read: socket hang up.' });

    const hidden = fakeJira({});
    assert.deepEqual(await hidden.load('OPS-12'),
        { key: 'OPS-12', error: 'Jira could not be read: GET OPS-12 answered HTTP 404.' });

    assert.equal((await fakeJira({}).load(undefined)).error, 'The panel was opened without an issue.');
});

test('index.js reads the fields and properties the loader and the rules rely on, as the app', () => {
    const index = fs.readFileSync(path.join(__dirname, '..', 'src', 'index.js'), 'utf8');
    const p = rules.FACTS.properties;
    assert.ok(index.includes(`/rest/api/2/issue/\${key}?fields=${load.INCIDENT_FIELDS.join(',')}`
        + `&properties=${p.staffed},${p.announced}`));
    assert.ok(index.includes(`/rest/api/2/issue/\${key}?fields=${load.RELATED_FIELDS.join(',')}`
        + `&properties=${p.origin}`));
    assert.ok(index.includes('route`/rest/api/2/search/jql`'));
    assert.equal(/asUser\(/.test(index), false);
    // The issue comes from Forge's context, not from what the browser sends.
    assert.ok(index.includes('context.extension.issue.key'));
    assert.equal(/payload/.test(index.replace(/\/\/.*$/gm, '')), false);
});
