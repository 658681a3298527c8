// Issue JSON as Jira's REST API v2 returns it (GET issue with fields and properties, search results), for an incident
// in OPS and its follow-ups, shaped as the service writes them. The rules come from the committed, generated rules.js,
// whose example config puts follow-ups in OPS and configures no channel and no rotation; tests that need those pass
// their own facts (withFacts).
'use strict';

const rules = require('../src/rules.js');

const ALICE = { accountId: '5b10ac8d82e05b22cc7d4ef5', displayName: 'Alice Ops' };
const BOB = { accountId: '5b10a2844c20165700ede21g', displayName: 'Bob Backup' };

const STATUS = {
    todo: { name: 'To Do', statusCategory: { key: 'new' } },
    progress: { name: 'In Progress', statusCategory: { key: 'indeterminate' } },
    done: { name: 'Done', statusCategory: { key: 'done' } }
};

const DESCRIPTION = [
    'h2. The Original Request',
    'Checkout returns 502 since 09:40.',
    '',
    'h2. Symptoms',
    '502 on /checkout for 30% of requests.',
    '',
    'h2. Scope',
    'TBD',
    '',
    'h2. Root Cause(s)',
    'TBD',
    '',
    'h2. Next Actions',
    '* Look into the problem — [~accountid:5b10ac8d82e05b22cc7d4ef5]',
    '',
    'h2. Fixes for Symptoms',
    'Restarted the pool.',
    '',
    'h2. Fixes for the Root Cause',
    'Raised the pool size to 40.',
    '',
    'h2. Whys',
    '* Why did the pool run dry?',
    '',
    'h2. Prevention / Mitigation',
    '* Add an alert on connection-pool usage above 80%',
    '* Load-test checkout weekly',
    '* Review *all* HTTP client timeouts',
    '* Track the disk alarm fix in OPS-123',
    ''
].join('\n');

function incident({ key = 'OPS-12', description = DESCRIPTION, status = STATUS.progress, assignee = ALICE,
    labels = [], issueType = 'Incident', links = [], properties = {} } = {}) {
    return {
        key,
        fields: {
            summary: 'Checkout returns 502',
            description,
            project: { key: key.substring(0, key.lastIndexOf('-')) },
            issuetype: { name: issueType },
            labels,
            status,
            assignee,
            issuelinks: links.map((other, i) => ({
                id: String(10000 + i),
                type: { name: 'Relates', inward: 'relates to', outward: 'relates to' },
                outwardIssue: { key: other, fields: { summary: 'linked', status: STATUS.todo } }
            }))
        },
        properties
    };
}

const STAFFED = { 'prodsupport.staffed': { at: '2026-11-29T09:41:07.123Z', onDuty: ALICE.accountId,
    watchers: [BOB.accountId, ALICE.accountId] } };

function followUp(key, summary, actionText, { incidentKey = 'OPS-12', status = STATUS.todo, labels } = {}) {
    return {
        key,
        fields: {
            summary,
            status,
            issuetype: { name: 'Task' },
            labels: labels || ['prevention', 'prodsupport-followup', `prodsupport-from-${incidentKey}`]
        },
        properties: {
            'prodsupport.origin': { incidentKey, actionId: rules.actionId(actionText), incidentProject: 'OPS' }
        }
    };
}

/** The generated rules with other config facts (channels, rotation), as another config would generate them. */
function withFacts(facts, onDutyAt) {
    return {
        ...rules,
        FACTS: { ...rules.FACTS, ...facts },
        onDutyAt: onDutyAt || rules.onDutyAt
    };
}

module.exports = { rules, ALICE, BOB, STATUS, DESCRIPTION, STAFFED, incident, followUp, withFacts };
