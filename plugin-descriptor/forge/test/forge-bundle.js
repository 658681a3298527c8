// Bundles the app with Atlassian's own bundler (@forge/bundler, the one `forge deploy` runs), offline: the functions
// for the Node runtime from the manifest's handlers, and each UI Kit resource. Only the runtime wrapper is left out:
// the real bundler downloads it from Atlassian's CDN and adds it beside the bundle, untouched by our code, so a stub
// stands in for it. An import the runtime cannot resolve fails here as it would on deploy.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { ConfigFile, FileSystemReader, FileSystemWriter, NullLogger } = require('@forge/cli-shared');
const { getNodeBundler, getEntryPoints, NativeUIBundler } = require('@forge/bundler');

const APP = path.resolve(__dirname, '..');

const OFFLINE_RUNTIME_WRAPPER = {
    getNodeRuntimeWrapper: async () => ({ script: '', source: 'offline stand-in', version: 'offline' }),
    getNodeRuntimeLoader: async () => ({ script: '', source: 'offline stand-in', version: 'offline' })
};

// The bundler reads manifest.yml from the working directory, as the Forge CLI does in an app's folder.
async function inApp(work) {
    const before = process.cwd();
    process.chdir(APP);
    try {
        return await work(new ConfigFile(new FileSystemReader(), new FileSystemWriter()));
    } finally {
        process.chdir(before);
    }
}

/** The Node functions: {outputDir, files, handlers, metadata}. */
async function bundleFunctions() {
    return inApp(async (config) => {
        const handlers = await config.getAppHandlers();
        const bundler = getNodeBundler(NullLogger, OFFLINE_RUNTIME_WRAPPER, config);
        const output = await bundler.bundle({ appDirectory: APP, entryPoints: getEntryPoints(handlers) });
        return { ...output, handlers, files: fs.readdirSync(output.outputDir) };
    });
}

/** The UI Kit resources: [{key, path (the bundle's folder), files}]. */
async function bundleResources() {
    return inApp(async (config) => {
        const resources = await config.getResources();
        const { nativeUiBundlesDetails } = await new NativeUIBundler(NullLogger).bundleResources(resources);
        return nativeUiBundlesDetails.map((r) => ({ ...r, files: fs.readdirSync(r.path) }));
    });
}

module.exports = { bundleFunctions, bundleResources, APP };
