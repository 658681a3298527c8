// The app bundled as `forge deploy` bundles it, with Atlassian's @forge/bundler (see forge-bundle.js): the two
// functions for the Node runtime and the panel's UI Kit resource. A module the runtime cannot resolve fails here.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { bundleFunctions, bundleResources } = require('./forge-bundle.js');

test('the functions bundle, and the bundle exports the handlers the manifest names', async (t) => {
    const output = await bundleFunctions();
    t.after(() => fs.rmSync(output.outputDir, { recursive: true, force: true }));

    assert.deepEqual(output.handlers, [{ module: 'index', func: 'validate' }, { module: 'index', func: 'panel' }]);
    assert.equal(output.metadata.errors, 0);
    assert.ok(output.files.includes('index.cjs'), output.files.join(', '));
    const bundled = require(path.join(output.outputDir, 'index.cjs'));
    assert.equal(typeof bundled.validate, 'function');
    assert.equal(typeof bundled.panel, 'function');
    assert.deepEqual([...output.metadata.sdkImports].sort(),
        ['@forge/api.asApp', '@forge/api.route', '@forge/resolver.*']);
});

test('the panel’s UI Kit resource bundles for the browser', async (t) => {
    const [panel, ...others] = await bundleResources();
    t.after(() => fs.rmSync(panel.path, { recursive: true, force: true }));

    assert.deepEqual(others, []);
    assert.equal(panel.key, 'incident-panel-ui');
    assert.ok(panel.files.includes('index.html'), panel.files.join(', '));
    assert.ok(panel.files.includes('incident-panel-ui.js'), panel.files.join(', '));
    const code = fs.readFileSync(path.join(panel.path, 'incident-panel-ui.js'), 'utf8');
    assert.match(code, /Required sections/);
});
