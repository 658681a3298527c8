// The app's Forge functions (manifest.yml): index.validate behind the "Incident sections filled in" workflow
// validator, and index.panel, the resolver of the incident panel. All logic is in validator.js, panel/ and the
// generated rules.js; this file only wires in @forge/api. Both read Jira as the app (asApp()).
import Resolver from '@forge/resolver';
import { asApp, route } from '@forge/api';
import rules from './rules.js';
import validator from './validator.js';
import panelLoader from './panel/load.js';

const JSON_HEADERS = { Accept: 'application/json' };

// REST v2 returns the description as wiki markup, the very text the service's Java gate parses.
const readIssue = (key) => asApp().requestJira(
    route`/rest/api/2/issue/${key}?fields=description,project,issuetype,labels`,
    { headers: JSON_HEADERS });

export const validate = validator.createValidator(readIssue, rules.closeGateVerdict,
    (message) => console.warn(message));

// The panel's reads (panel/load.js lists the fields; a test keeps these paths in step with it).
const jira = {
    getIncident: (key) => asApp().requestJira(
        route`/rest/api/2/issue/${key}?fields=summary,description,project,issuetype,labels,status,assignee,issuelinks&properties=prodsupport.staffed,prodsupport.announced`,
        { headers: JSON_HEADERS }),
    getRelated: (key) => asApp().requestJira(
        route`/rest/api/2/issue/${key}?fields=summary,status,labels,issuetype&properties=prodsupport.origin`,
        { headers: JSON_HEADERS }),
    search: (body) => asApp().requestJira(route`/rest/api/2/search/jql`, {
        method: 'POST',
        headers: { ...JSON_HEADERS, 'Content-Type': 'application/json' },
        body: JSON.stringify(body)
    })
};

const loadPanel = panelLoader.createPanelLoader(jira, rules, () => Date.now(), (message) => console.warn(message));

const resolver = new Resolver();
// The issue comes from the context Forge gives the module (the issue on screen), never from the payload, so the
// panel cannot be asked to read another issue as the app.
resolver.define('load', ({ context }) => loadPanel(
    context && context.extension && context.extension.issue ? context.extension.issue.key : null));

export const panel = resolver.getDefinitions();
