// The generated rules.js on Node, the runtime Forge runs it on (the Java build runs it in Rhino against the Java code).
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const rules = require('../src/rules.js');
const { DESCRIPTION } = require('./fixtures.js');

// ActionIdGoldenTest's description and ids: the ids are stored in Jira (every follow-up's prodsupport.origin), so
// the panel must compute exactly these, on Node as the service does in Java.
const GOLDEN = 'h2. The Original Request\n'
    + 'Checkout returns 502 since 09:40.\n'
    + '\n'
    + 'h2. Root Cause(s)\n'
    + 'The connection pool ran dry.\n'
    + '\n'
    + 'h2. Prevention / Mitigation\n'
    + '* Add an alert on connection-pool usage above 80%\n'
    + '- Load-test checkout weekly\n'
    + '# Review *all* HTTP client timeouts\n'
    + '1. Document the _failover_ runbook in [Confluence|https://wiki.example.com/x/AbC]\n'
    + '* Rotate the {{db-admin}} credentials every 90 days\n'
    + '*   ADD   a  Canary   STAGE  before prod!!   \r\n'
    + '* Raise pool size\n'
    + '** to 40\n'
    + '** after a load test\n'
    + '* Fehlermeldungen für Kunden in 日本 übersetzen — Überprüfung durch QA\n'
    + '* Track the disk alarm fix in OPS-123\n'
    + '- **Alert** on `queue depth` > 1,000 (see [runbook](https://runbooks.example.com/q))\n'
    + '* Ask [~accountid:5b10ac8d82e05b22cc7d4ef5] to add {color:red}rate limiting{color} to the login API\n'
    + '2) Add retries with back-off to the _payment_ client\n'
    + '* *add an ALERT on connection pool usage above 80 %*\n'
    + '\n'
    + 'h2. Whys\n'
    + '* Why did the pool run dry?\n';

test('the action ids are the ones ActionIdGoldenTest pins', () => {
    assert.deepEqual(rules.preventionActions(GOLDEN, 'OPS-1').map((a) => a.id), [
        '1e4409a633c2ff00',
        'b54e2c2709f8214c',
        '8ccc6e5eae3d139f',
        'c2961457fef2d647',
        'f507141c2060bfb8',
        'b0684e74f049021d',
        '1881c510d6fa15be',
        '14616161ccca8f5f',
        '79b8d13dc8039ac3',
        '7c882ee3769829c9',
        '6b6613f19cb4e6c0',
        'f5f98294da414501',
        '1e4409a633c2ff00'
    ]);
    assert.equal(rules.actionId('Add an alert on connection-pool usage above 80%'), '1e4409a633c2ff00');
    assert.equal(rules.actionId('  ADD an *alert* on connection pool usage — above 80 %'), '1e4409a633c2ff00');
    assert.equal(rules.actionId(''), 'e3b0c44298fc1c14');
});

test("the hand-written SHA-256 agrees with Node's on random text (a lone surrogate is Java's '?': see the Java tests)", () => {
    // actionId hashes the normalised text; words of letters and digits survive normalisation unchanged.
    for (let i = 0; i < 500; i++) {
        const words = [];
        for (let w = 0; w < 1 + (i % 40); w++) {
            words.push(crypto.randomBytes(1 + (w % 9)).toString('hex') + Array.from('é日😀').slice(0, w % 4).join(''));
        }
        const text = words.join(' ');
        const expected = crypto.createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex').slice(0, 16);
        assert.equal(rules.actionId(text), expected, text);
    }
});

test('follow-up summaries are the service’s: markup stripped, mentions kept, long ones cut with an ellipsis', () => {
    const actions = rules.preventionActions(GOLDEN, 'OPS-1');
    assert.equal(actions[2].summary, 'Review all HTTP client timeouts');
    assert.equal(actions[3].summary, 'Document the failover runbook in Confluence');
    assert.equal(actions[10].summary, 'Ask [~accountid:5b10ac8d82e05b22cc7d4ef5] to add rate limiting to the login API');
    const long = rules.preventionActions(`h2. Prevention / Mitigation\n* ${'word '.repeat(80)}\n`, 'OPS-1')[0];
    assert.equal(long.summary.length <= 255, true);
    assert.equal(long.summary.endsWith('word…'), true);
});

test('an action naming an issue of a tracking project needs no follow-up, and the same action twice needs one', () => {
    const actions = rules.preventionActions(GOLDEN, 'OPS-1');
    const needing = rules.needingFollowUp(actions, 'OPS', []);
    assert.equal(needing.length, 11);
    assert.equal(needing.some((a) => a.summary.includes('OPS-123')), false);
    assert.equal(rules.needingFollowUp(actions, 'OPS', ['1e4409a633c2ff00', 'b54e2c2709f8214c']).length, 9);
});

test('each required section is filled or not, as the close gate sees it', () => {
    assert.deepEqual(rules.requiredSections(DESCRIPTION), [
        { title: 'Symptoms', filled: true },
        { title: 'Root Cause(s)', filled: false },
        { title: 'Fixes for the Root Cause', filled: true }
    ]);
    assert.deepEqual(rules.closeGateVerdict(DESCRIPTION, 'OPS', 'Incident', []), ['Root Cause(s)']);
    assert.equal(rules.closeGateVerdict(DESCRIPTION.replace('h2. Root Cause(s)\nTBD', 'h2. Root Cause(s)\nPool'),
        'OPS', 'Incident', []), null);
    assert.equal(rules.closeGateVerdict(DESCRIPTION, 'WEB', 'Incident', []), null);
});

test('the word boundary is Java’s: a letter before h2. keeps it in the text, and so in the id', () => {
    // "éh2. whys" normalises to "éh2 whys" in Java (é is a word character there), not to "é whys".
    assert.equal(rules.actionId('éh2. Whys'), crypto.createHash('sha256').update('éh2 whys').digest('hex').slice(0, 16));
});

test('the example config generates no rotation, so nobody is on duty', () => {
    assert.equal(rules.onDutyAt(Date.parse('2026-11-29T10:00:00Z')), null);
    assert.equal(rules.FACTS.hasRotation, false);
    assert.deepEqual(rules.FACTS.channels, []);
    assert.deepEqual(rules.FACTS.properties,
        { staffed: 'prodsupport.staffed', announced: 'prodsupport.announced', origin: 'prodsupport.origin' });
});
