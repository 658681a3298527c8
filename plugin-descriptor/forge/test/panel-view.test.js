// The panel's UI (frontend/view.js) drawn from view models, with stand-ins of UI Kit's components.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { COMPONENTS, panelTree, renderText } = require('./render.js');
const samples = require('./samples.js');

function types(nodes, into = new Set()) {
    nodes.forEach((n) => {
        if (typeof n !== 'string') {
            into.add(n.type);
            types(n.children, into);
        }
    });
    return into;
}

test('the view draws only components @forge/react exports, under the names it exports them', async () => {
    // UI Kit's components are element names; an unknown one would reach Jira and fail there.
    const exported = require(path.join(__dirname, '..', 'node_modules', '@forge', 'react', 'out', 'components',
        'ui-kit-components.js'));
    for (const name of COMPONENTS) {
        assert.equal(exported[name], name, name);
    }
    const used = new Set();
    for (const model of [null, { error: 'x' }, { incident: false }, await samples.working(), await samples.resolved()]) {
        types(panelTree(model), used);
    }
    assert.deepEqual([...used].filter((t) => !COMPONENTS.includes(t)), []);
    const entry = fs.readFileSync(path.join(__dirname, '..', 'src', 'frontend', 'index.jsx'), 'utf8');
    assert.match(entry, /import ForgeReconciler, \* as ui from '@forge\/react';/);
});

test('an incident being worked on: what blocks the close, what will become follow-ups, who, which channels', async () => {
    const text = renderText(await samples.working(), samples.NAMES);
    assert.match(text, /\[IN PROGRESS\] \[NOT READY TO CLOSE\]/);
    assert.match(text, /✗ Root Cause\(s\) \[EMPTY OR TBD\]/);
    assert.match(text, /Not tracked yet \(each gets a follow-up when the incident is resolved\):/);
    assert.doesNotMatch(text, /OPS-123/);
    assert.match(text, /Owner: @Alice Ops/);
    assert.match(text, /On duty now: @Bob Backup/);
    assert.match(text, /✗ Not announced yet: Microsoft Teams/);
});

test('a resolved incident: its follow-ups with their status, the action still untracked, the post-mortem', async () => {
    const text = renderText(await samples.resolved(), samples.NAMES);
    assert.match(text, /\[DONE\] \[COMPLETE\]/);
    assert.match(text, /OPS-30 Add an alert on connection-pool usage above 80% \[DONE\]/);
    assert.match(text, /⚠ Add canary checks/);
    assert.match(text, /POST-MORTEM\n {2}OPS-33 Post-mortem: OPS-12 Checkout returns 502 \[TO DO\]/);
});

test('loading, Jira unreadable, and an issue that is no incident each say so', () => {
    assert.match(renderText(null), /… Reading the incident/);
    assert.match(renderText({ key: 'OPS-1', error: 'Jira could not be read: socket hang up.' }),
        /⚠ The checklist is not available\n {2}Jira could not be read: socket hang up\./);
    assert.match(renderText({ key: 'WEB-1', incident: false }), /Not a production-support incident/);
});

test('plugin-descriptor/README.md shows the panel as it renders now', async () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    for (const name of ['working', 'resolved']) {
        const text = renderText(await samples[name](), samples.NAMES);
        assert.ok(readme.includes('```text\n' + text + '\n```'),
            `README.md lacks the current rendering "${name}"; run: npm run render\n${text}`);
    }
});
