// Reads what the incident panel shows from Jira (and only from Jira, so the panel works while the service is down),
// then builds the view model. Apart from @forge/api so the tests can run it against a fake Jira; index.js passes in
// the calls, made as the app.
'use strict';

var model = require('./model.js');

// The incident: what the rules read, the status, the owner and the links; the service's properties on it.
var INCIDENT_FIELDS = ['summary', 'description', 'project', 'issuetype', 'labels', 'status', 'assignee', 'issuelinks'];
// A possible follow-up or post-mortem.
var RELATED_FIELDS = ['summary', 'status', 'labels', 'issuetype'];
// Linked issues the search did not return (it lags behind writes on Cloud) are read one by one, at most this many.
var MAX_SINGLE_READS = 20;

function quote(value) {
    return '"' + String(value).replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
}

// The incident's follow-ups and post-mortem are linked to it; a follow-up also carries the incident's origin label
// (the service's own search for lost follow-ups uses it), which finds one whose link someone removed.
function relatedJql(rules, key) {
    return 'issue in linkedIssues(' + quote(key) + ') OR labels = ' + quote(rules.FACTS.originLabelPrefix + key);
}

/**
 * jira.getIncident(key) and jira.getRelated(key): fetch-style responses ({ok, status, json()}) for GET
 * /rest/api/2/issue/{key} with INCIDENT_FIELDS and the properties staffed and announced, or with RELATED_FIELDS and
 * the property origin; jira.search(body): POST /rest/api/2/search/jql. rules: the generated rules.js; now(): epoch ms;
 * warn(message): logs. Answers the view model, or {key, error} when Jira cannot be read.
 */
function createPanelLoader(jira, rules, now, warn) {
    function json(response, what) {
        if (!response.ok) {
            throw new Error(what + ' answered HTTP ' + response.status);
        }
        return response.json();
    }

    function searchRelated(key) {
        return Promise.resolve()
            .then(function () {
                return jira.search({
                    jql: relatedJql(rules, key),
                    fields: RELATED_FIELDS,
                    properties: [rules.FACTS.properties.origin],
                    maxResults: 100
                });
            })
            .then(function (response) {
                return json(response, 'the search for its follow-ups');
            })
            .then(function (result) {
                return result.issues || [];
            });
    }

    function readOne(key) {
        return Promise.resolve()
            .then(function () {
                return jira.getRelated(key);
            })
            .then(function (response) {
                return json(response, 'GET ' + key);
            })
            .then(null, function (error) {
                // Deleted, moved out of the app's sight: the panel shows what it can.
                warn('prodsupport panel: cannot read ' + key + ' (' + error.message + ')');
                return null;
            });
    }

    return function load(key) {
        if (!key) {
            return Promise.resolve({ key: null, error: 'The panel was opened without an issue.' });
        }
        var incident;
        return Promise.resolve()
            .then(function () {
                return jira.getIncident(key);
            })
            .then(function (response) {
                return json(response, 'GET ' + key);
            })
            .then(function (issue) {
                incident = issue;
                var fields = issue.fields || {};
                if (!rules.isIncident(fields.project && fields.project.key, fields.issuetype && fields.issuetype.name,
                    fields.labels)) {
                    return null;
                }
                return searchRelated(key).then(null, function (error) {
                    warn('prodsupport panel: ' + error.message + '; reading the linked issues one by one');
                    return [];
                });
            })
            .then(function (found) {
                if (found === null) {
                    return model.panelModel(rules, incident, [], now());
                }
                var have = found.map(function (issue) {
                    return issue.key;
                });
                var missing = model.linkedKeys((incident.fields || {}).issuelinks).filter(function (k) {
                    return have.indexOf(k) < 0;
                }).slice(0, MAX_SINGLE_READS);
                return Promise.all(missing.map(readOne)).then(function (more) {
                    var related = found.concat(more.filter(function (issue) {
                        return issue !== null;
                    }));
                    return model.panelModel(rules, incident, related, now());
                });
            })
            .then(null, function (error) {
                warn('prodsupport panel: cannot read ' + key + ' (' + error.message + ')');
                return { key: key, error: 'Jira could not be read: ' + error.message + '.' };
            });
    };
}

module.exports = {
    createPanelLoader: createPanelLoader,
    relatedJql: relatedJql,
    INCIDENT_FIELDS: INCIDENT_FIELDS,
    RELATED_FIELDS: RELATED_FIELDS
};
