// The Forge function behind the "Incident sections filled in" workflow validator (manifest.yml, handler
// index.validate). All logic is in validator.js and the generated rules.js; this file only wires in @forge/api.
import { asApp, route } from '@forge/api';
import rules from './rules.js';
import validator from './validator.js';

// REST v2 returns the description as wiki markup, the very text the service's Java gate parses.
const readIssue = (key) => asApp().requestJira(
    route`/rest/api/2/issue/${key}?fields=description,project,issuetype,labels`,
    { headers: { Accept: 'application/json' } });

export const validate = validator.createValidator(readIssue, rules.closeGateVerdict,
    (message) => console.warn(message));
