// Two incidents as the README shows the panel: one being worked on, one resolved with its follow-ups and post-mortem.
// They are read through the real loader from a fake Jira, with a config that has all three channels and a rotation.
'use strict';

const load = require('../src/panel/load.js');
const { rules, ALICE, BOB, STATUS, DESCRIPTION, incident, followUp, withFacts } = require('./fixtures.js');

const NOW = Date.parse('2026-11-29T10:00:00Z');
const NAMES = { [ALICE.accountId]: ALICE.displayName, [BOB.accountId]: BOB.displayName };

const SITE_RULES = withFacts({ channels: ['slack', 'teams', 'email'], hasRotation: true }, () => BOB.accountId);

const STAFFED = { at: '2026-11-28T21:14:03Z', onDuty: ALICE.accountId, watchers: [BOB.accountId, ALICE.accountId] };

function fake(issues, search) {
    const answer = (body) => Promise.resolve(body
        ? { ok: true, status: 200, json: () => Promise.resolve(body) }
        : { ok: false, status: 404, json: () => Promise.resolve({}) });
    return {
        getIncident: (key) => answer(issues[key]),
        getRelated: (key) => answer(issues[key]),
        search: () => answer({ issues: search })
    };
}

function loadSample(issues, search) {
    return load.createPanelLoader(fake(issues, search), SITE_RULES, () => NOW, () => {})('OPS-12');
}

/** Being worked on: Root Cause(s) still TBD, actions written, Teams not told (its webhook failed). */
function working() {
    return loadSample({
        'OPS-12': incident({
            status: STATUS.progress,
            properties: { 'prodsupport.staffed': STAFFED, 'prodsupport.announced': { channels: ['slack', 'email'] } }
        })
    }, []);
}

/** Resolved: the sections filled in, two follow-ups made (one done), one action added later, a post-mortem. */
function resolved() {
    const description = DESCRIPTION
        .replace('h2. Root Cause(s)\nTBD', 'h2. Root Cause(s)\nThe connection pool ran dry under the sale traffic.')
        .replace('* Track the disk alarm fix in OPS-123', '* Track the disk alarm fix in OPS-123\n* Add canary checks');
    const alert = followUp('OPS-30', 'Add an alert on connection-pool usage above 80%',
        'Add an alert on connection-pool usage above 80%', { status: STATUS.done });
    const loadTest = followUp('OPS-31', 'Load-test checkout weekly', 'Load-test checkout weekly',
        { status: STATUS.progress });
    const timeouts = followUp('OPS-32', 'Review all HTTP client timeouts', 'Review *all* HTTP client timeouts');
    const postmortem = { key: 'OPS-33', fields: { summary: 'Post-mortem: OPS-12 Checkout returns 502',
        status: STATUS.todo, labels: ['prodsupport-postmortem'] } };
    return loadSample({
        'OPS-12': incident({
            description,
            status: STATUS.done,
            links: ['OPS-30', 'OPS-31', 'OPS-32', 'OPS-33'],
            properties: { 'prodsupport.staffed': STAFFED,
                'prodsupport.announced': { channels: ['slack', 'teams', 'email'] } }
        })
    }, [alert, loadTest, timeouts, postmortem]);
}

module.exports = { NAMES, working, resolved, rules };
