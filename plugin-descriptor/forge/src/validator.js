// The Forge workflow validator's handler logic, apart from @forge/api so the tests can run it (in Rhino) against a
// fake Jira. Plain ES5 plus Promise, like rules.js: no async/await, which Rhino lacks.
'use strict';

var ALLOW = { result: true };

// readIssue(key) answers a fetch-style response ({ ok, status, json() }) for GET /rest/api/2/issue/{key} with the
// fields description, project, issuetype and labels; verdict is rules.js's closeGateVerdict; warn logs.
function createValidator(readIssue, verdict, warn) {
    return function validate(args) {
        var key = args && args.issue ? args.issue.key : undefined;
        var modified = args && args.transition ? args.transition.modifiedFields : undefined;
        if (!key) {
            warn('prodsupport close gate: no issue key in the validator call; allowing the transition');
            return Promise.resolve(ALLOW);
        }
        if (modified && Object.prototype.hasOwnProperty.call(modified, 'description')) {
            // The transition screen changed the description. The new text is only here, as ADF, and the rules read
            // the wiki markup the service reads; the stored text is the old one. Judging either could block someone
            // who just filled the sections in, so the service's reactive gate decides once the edit is saved.
            return Promise.resolve(ALLOW);
        }
        return Promise.resolve()
            .then(function () {
                return readIssue(key);
            })
            .then(function (response) {
                if (!response.ok) {
                    throw new Error('GET issue answered HTTP ' + response.status);
                }
                return response.json();
            })
            .then(function (issue) {
                var fields = issue.fields || {};
                var missing = verdict(fields.description,
                    fields.project ? fields.project.key : null,
                    fields.issuetype ? fields.issuetype.name : null,
                    fields.labels);
                return missing === null
                    ? ALLOW
                    : { result: false, errorMessage: 'Fill in before closing: ' + missing.join(', ') };
            })
            .then(null, function (error) {
                // Failing closed would leave every incident unclosable while Jira or the app's access is broken;
                // the service's reactive gate still reverts a bad close and comments, so the validator lets it pass.
                warn('prodsupport close gate: cannot judge ' + key + ' (' + error + '); allowing the transition');
                return ALLOW;
            });
    };
}

// CommonJS when loaded by the Forge bundler; a plain script (a global function) when loaded by the tests' Rhino.
if (typeof module === 'object' && module !== null) {
    module.exports = { createValidator: createValidator };
}
