// The incident panel's view model: a pure function of the issue JSON Jira returns, so it is tested like the rules.
// Everything the service decides (which sections count as filled, which actions exist and their ids, which actions
// still need a follow-up, who is on duty) comes from the generated rules.js; this file only reads Jira's JSON and the
// properties the service writes, whose shapes are a contract with the service:
//   prodsupport.staffed   {at, onDuty, watchers}              on the incident, once it was staffed
//   prodsupport.announced {channels: ["slack", ...]}          on the incident, the channels told so far
//   prodsupport.origin    {incidentKey, actionId, incidentProject} on each follow-up
'use strict';

// The label the service's post-mortem task carries (incident/PostMortems: label prodsupport-postmortem, linked to the
// incident); a linked issue with this label is shown as the incident's post-mortem.
var POSTMORTEM_LABEL = 'prodsupport-postmortem';

var CHANNEL_NAMES = { slack: 'Slack', teams: 'Microsoft Teams', email: 'E-mail' };

function channelName(channel) {
    return Object.prototype.hasOwnProperty.call(CHANNEL_NAMES, channel) ? CHANNEL_NAMES[channel] : String(channel);
}

// Jira's status with its category: new (to do), indeterminate (in progress) or done.
function statusOf(status) {
    if (!status) {
        return { name: 'Unknown', category: 'new' };
    }
    var category = status.statusCategory && status.statusCategory.key ? status.statusCategory.key : 'new';
    return { name: status.name || 'Unknown', category: category };
}

function labelsOf(issue) {
    return (issue.fields && issue.fields.labels) || [];
}

// The keys of the issues linked to the incident, either direction.
function linkedKeys(issueLinks) {
    var keys = [];
    (issueLinks || []).forEach(function (link) {
        var other = link.outwardIssue || link.inwardIssue;
        if (other && other.key && keys.indexOf(other.key) < 0) {
            keys.push(other.key);
        }
    });
    return keys;
}

function property(issue, name) {
    var properties = issue.properties || {};
    var value = properties[name];
    return value === undefined ? null : value;
}

// Issue keys sort by project, then number (OPS-9 before OPS-10).
function byKey(a, b) {
    var pa = a.key.substring(0, a.key.lastIndexOf('-'));
    var pb = b.key.substring(0, b.key.lastIndexOf('-'));
    if (pa !== pb) {
        return pa < pb ? -1 : 1;
    }
    return Number(a.key.substring(a.key.lastIndexOf('-') + 1)) - Number(b.key.substring(b.key.lastIndexOf('-') + 1));
}

function userOf(user) {
    if (!user) {
        return null;
    }
    return { accountId: user.accountId || null, displayName: user.displayName || user.name || user.accountId || '?' };
}

/**
 * rules: the generated rules.js; incident: GET /rest/api/2/issue/{key} with the panel's fields and the properties
 * prodsupport.staffed and prodsupport.announced; related: the issues that may be its follow-ups or post-mortem (linked
 * to it or labelled with its origin label), each with summary, status, labels and the property prodsupport.origin;
 * now: epoch milliseconds, for the rotation.
 */
function panelModel(rules, incident, related, now) {
    var fields = incident.fields || {};
    var key = incident.key;
    var projectKey = fields.project ? fields.project.key : null;
    var issueType = fields.issuetype ? fields.issuetype.name : null;
    if (!rules.isIncident(projectKey, issueType, fields.labels)) {
        return { key: key, incident: false };
    }
    var facts = rules.FACTS;
    var status = statusOf(fields.status);
    var sections = rules.requiredSections(fields.description);
    var linked = linkedKeys(fields.issuelinks);

    var followUps = [];
    var postmortem = null;
    (related || []).forEach(function (issue) {
        if (!issue || !issue.key || issue.key === key) {
            return;
        }
        var summary = (issue.fields && issue.fields.summary) || '';
        var entry = { key: issue.key, summary: summary, status: statusOf(issue.fields && issue.fields.status) };
        if (labelsOf(issue).indexOf(POSTMORTEM_LABEL) >= 0) {
            if (linked.indexOf(issue.key) >= 0 && (postmortem === null || byKey(entry, postmortem) < 0)) {
                postmortem = entry;
            }
            return;
        }
        // A follow-up is what its origin says it is, as the service's FollowUpFinder decides; a label alone could be
        // anybody's, and a link alone is any related issue.
        var origin = property(issue, facts.properties.origin);
        if (origin && origin.incidentKey === key && origin.actionId) {
            entry.actionId = origin.actionId;
            followUps.push(entry);
        }
    });

    var actions = rules.preventionActions(fields.description, key);
    var order = actions.map(function (a) {
        return a.id;
    });
    followUps.sort(function (a, b) {
        var ia = order.indexOf(a.actionId);
        var ib = order.indexOf(b.actionId);
        if (ia !== ib) {
            return (ia < 0 ? Infinity : ia) - (ib < 0 ? Infinity : ib);
        }
        return byKey(a, b);
    });
    var untracked = rules.needingFollowUp(actions, projectKey, followUps.map(function (f) {
        return f.actionId;
    })).map(function (a) {
        return a.summary;
    });

    var announced = property(incident, facts.properties.announced);
    var told = announced && Array.isArray(announced.channels) ? announced.channels.slice() : [];
    var notTold = facts.channels.filter(function (c) {
        return told.indexOf(c) < 0;
    });

    var staffed = property(incident, facts.properties.staffed);
    var onDutyNow = rules.onDutyAt(now);

    return {
        key: key,
        incident: true,
        status: status,
        sections: sections,
        mayClose: sections.every(function (s) {
            return s.filled;
        }),
        followUps: followUps,
        untracked: untracked,
        // The service makes follow-ups once the incident is done; before that an untracked action is expected.
        followUpsDue: status.category === 'done',
        channels: {
            told: told.map(channelName),
            notTold: notTold.map(channelName)
        },
        owner: userOf(fields.assignee),
        onDutyNow: onDutyNow === null ? null : { accountId: onDutyNow },
        staffed: staffed && staffed.at
            ? {
                at: staffed.at,
                onDuty: staffed.onDuty ? { accountId: staffed.onDuty } : null,
                watchers: Array.isArray(staffed.watchers) ? staffed.watchers.length : 0
            }
            : null,
        postmortem: postmortem
    };
}

module.exports = { panelModel: panelModel, linkedKeys: linkedKeys, POSTMORTEM_LABEL: POSTMORTEM_LABEL };
