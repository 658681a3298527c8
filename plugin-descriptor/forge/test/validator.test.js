// The workflow validator's handler (validator.js with the generated rules.js) on Node, called as Forge calls it,
// against a fake requestJira.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { createValidator } = require('../src/validator.js');
const { rules, DESCRIPTION, incident } = require('./fixtures.js');

function fakeJira(answers) {
    const requested = [];
    const warnings = [];
    const readIssue = (key) => {
        requested.push(key);
        const answer = answers[key];
        if (answer instanceof Error) {
            return Promise.reject(answer);
        }
        return Promise.resolve({ ok: answer.status < 300, status: answer.status,
            json: () => Promise.resolve(answer.body) });
    };
    return { requested, warnings, validate: createValidator(readIssue, rules.closeGateVerdict, (m) => warnings.push(m)) };
}

const call = (key, modifiedFields = {}) => ({
    issue: { key },
    configuration: {},
    transition: { from: { id: '3' }, to: { id: '10001' }, modifiedFields }
});

test('an incident with an empty required section is refused, naming it', async () => {
    const jira = fakeJira({ 'OPS-12': { status: 200, body: incident() } });
    assert.deepEqual(await jira.validate(call('OPS-12')),
        { result: false, errorMessage: 'Fill in before closing: Root Cause(s)' });
    assert.deepEqual(jira.requested, ['OPS-12']);
});

test('a filled-in incident may close', async () => {
    const filled = DESCRIPTION.replace('h2. Root Cause(s)\nTBD', 'h2. Root Cause(s)\nThe pool ran dry.');
    const jira = fakeJira({ 'OPS-12': { status: 200, body: incident({ description: filled }) } });
    assert.deepEqual(await jira.validate(call('OPS-12')), { result: true });
});

test('an issue outside the incident projects may close whatever its description', async () => {
    const jira = fakeJira({ 'WEB-1': { status: 200, body: incident({ key: 'WEB-1', description: '' }) } });
    assert.deepEqual(await jira.validate(call('WEB-1')), { result: true });
});

test('when Jira cannot be read or refuses, the close is allowed and a warning names the issue', async () => {
    const down = fakeJira({ 'OPS-12': new Error('socket hang up') });
    assert.deepEqual(await down.validate(call('OPS-12')), { result: true });
    assert.match(down.warnings.join('\n'), /OPS-12.*socket hang up/);

    const refused = fakeJira({ 'OPS-12': { status: 404, body: { errorMessages: ['Issue does not exist'] } } });
    assert.deepEqual(await refused.validate(call('OPS-12')), { result: true });
    assert.match(refused.warnings.join('\n'), /HTTP 404/);
});

test('a description edited on the transition screen is left to the service, and no issue key means allow', async () => {
    const jira = fakeJira({});
    assert.deepEqual(await jira.validate(call('OPS-12', { description: { type: 'doc', version: 1, content: [] } })),
        { result: true });
    assert.deepEqual(jira.requested, []);
    assert.deepEqual(await jira.validate({}), { result: true });
    assert.equal(jira.warnings.length, 1);
});
