// The panel's view model: a pure function of the issue JSON (and the related issues) Jira returns.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { panelModel } = require('../src/panel/model.js');
const { rules, ALICE, BOB, STATUS, DESCRIPTION, STAFFED, incident, followUp, withFacts } = require('./fixtures.js');

const NOW = Date.parse('2026-11-29T10:00:00Z');

test('each required section is shown filled or not, and the incident may close only when all are', () => {
    const model = panelModel(rules, incident(), [], NOW);
    assert.deepEqual(model.sections, [
        { title: 'Symptoms', filled: true },
        { title: 'Root Cause(s)', filled: false },
        { title: 'Fixes for the Root Cause', filled: true }
    ]);
    assert.equal(model.mayClose, false);
    const filled = DESCRIPTION.replace('h2. Root Cause(s)\nTBD', 'h2. Root Cause(s)\nThe pool ran dry.');
    assert.equal(panelModel(rules, incident({ description: filled }), [], NOW).mayClose, true);
});

test('an issue outside the incident scope is no incident, whatever it carries', () => {
    assert.deepEqual(panelModel(rules, incident({ key: 'WEB-3' }), [], NOW), { key: 'WEB-3', incident: false });
});

test('follow-ups are recognised by their origin, listed in the order of their actions, with their status', () => {
    const related = [
        followUp('OPS-31', 'Load-test checkout weekly', 'Load-test checkout weekly', { status: STATUS.progress }),
        followUp('OPS-30', 'Add an alert on connection-pool usage above 80%',
            'Add an alert on connection-pool usage above 80%', { status: STATUS.done })
    ];
    const model = panelModel(rules, incident({ links: ['OPS-30', 'OPS-31'], status: STATUS.done }), related, NOW);

    assert.deepEqual(model.followUps.map((f) => [f.key, f.summary, f.status.name, f.status.category]), [
        ['OPS-30', 'Add an alert on connection-pool usage above 80%', 'Done', 'done'],
        ['OPS-31', 'Load-test checkout weekly', 'In Progress', 'indeterminate']
    ]);
    // The third action has no follow-up yet; the fourth names OPS-123, an issue of a tracking project.
    assert.deepEqual(model.untracked, ['Review all HTTP client timeouts']);
    assert.equal(model.followUpsDue, true);
});

test('a follow-up is found by its origin even when the action was reworded since; its summary is Jira’s', () => {
    const reworded = DESCRIPTION.replace('* Load-test checkout weekly', '* Load-test checkout every Monday');
    const related = [followUp('OPS-31', 'Load-test checkout weekly', 'Load-test checkout weekly')];
    const model = panelModel(rules, incident({ description: reworded }), related, NOW);

    assert.deepEqual(model.followUps.map((f) => f.key), ['OPS-31']);
    // The reworded action is a new action to the service (another id), so it is untracked too.
    assert.deepEqual(model.untracked,
        ['Add an alert on connection-pool usage above 80%', 'Load-test checkout every Monday',
            'Review all HTTP client timeouts']);
    assert.equal(model.followUpsDue, false);
});

test('issues that only look like follow-ups are not: another incident’s origin, no origin, a person’s property', () => {
    const other = followUp('OPS-40', 'Add an alert on connection-pool usage above 80%',
        'Add an alert on connection-pool usage above 80%', { incidentKey: 'OPS-99' });
    const labelledOnly = { key: 'OPS-41', fields: { summary: 'x', status: STATUS.todo,
        labels: ['prodsupport-from-OPS-12'] }, properties: {} };
    const half = { key: 'OPS-42', fields: { summary: 'y', status: STATUS.todo, labels: [] },
        properties: { 'prodsupport.origin': { incidentKey: 'OPS-12' } } };
    const model = panelModel(rules, incident(), [other, labelledOnly, half], NOW);

    assert.deepEqual(model.followUps, []);
    assert.equal(model.untracked.length, 3);
});

test('a linked issue labelled prodsupport-postmortem is the post-mortem, and never a follow-up', () => {
    const postmortem = followUp('OPS-50', 'Post-mortem: OPS-12 Checkout returns 502', 'post-mortem', {
        labels: ['prodsupport-postmortem', 'prodsupport-from-OPS-12'], status: STATUS.progress });
    const unlinked = { key: 'OPS-49', fields: { summary: 'Post-mortem elsewhere', status: STATUS.todo,
        labels: ['prodsupport-postmortem'] } };

    const model = panelModel(rules, incident({ links: ['OPS-50'] }), [unlinked, postmortem], NOW);
    assert.deepEqual(model.postmortem,
        { key: 'OPS-50', summary: 'Post-mortem: OPS-12 Checkout returns 502', status: { name: 'In Progress',
            category: 'indeterminate' } });
    assert.deepEqual(model.followUps, []);

    assert.equal(panelModel(rules, incident(), [unlinked], NOW).postmortem, null);
});

test('the owner, who was on duty when it was staffed, and the watchers added', () => {
    const model = panelModel(rules, incident({ properties: STAFFED }), [], NOW);
    assert.deepEqual(model.owner, { accountId: ALICE.accountId, displayName: 'Alice Ops' });
    assert.deepEqual(model.staffed, { at: '2026-11-29T09:41:07.123Z', onDuty: { accountId: ALICE.accountId },
        watchers: 2 });
    assert.equal(model.onDutyNow, null);

    const unowned = panelModel(rules, incident({ assignee: null }), [], NOW);
    assert.equal(unowned.owner, null);
    assert.equal(unowned.staffed, null);
});

test('who is on duty now comes from the rotation the config generated', () => {
    const rotating = withFacts({ hasRotation: true }, (at) => (at === NOW ? BOB.accountId : null));
    assert.deepEqual(panelModel(rotating, incident(), [], NOW).onDutyNow, { accountId: BOB.accountId });
});

test('the channels told, and the configured ones not told yet', () => {
    const configured = withFacts({ channels: ['slack', 'teams', 'email'] });
    const told = { 'prodsupport.announced': { channels: ['slack', 'email'] } };

    assert.deepEqual(panelModel(configured, incident({ properties: told }), [], NOW).channels,
        { told: ['Slack', 'E-mail'], notTold: ['Microsoft Teams'] });
    assert.deepEqual(panelModel(configured, incident(), [], NOW).channels,
        { told: [], notTold: ['Slack', 'Microsoft Teams', 'E-mail'] });
    // The example config lists no channel: what was told is still shown.
    assert.deepEqual(panelModel(rules, incident({ properties: told }), [], NOW).channels,
        { told: ['Slack', 'E-mail'], notTold: [] });
});

test('whatever shape the service’s properties have, the model is built (an old or hand-edited value)', () => {
    const odd = { 'prodsupport.staffed': { onDuty: 'x' }, 'prodsupport.announced': { channels: 'slack' } };
    const model = panelModel(rules, incident({ properties: odd, description: null, assignee: null }), [], NOW);
    assert.equal(model.staffed, null);
    assert.deepEqual(model.channels, { told: [], notTold: [] });
    assert.equal(model.sections.every((s) => !s.filled), true);
    assert.deepEqual(model.untracked, []);
});
