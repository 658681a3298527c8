// The incident panel's UI: the view model (panel/model.js) as UI Kit components. Written with React.createElement and
// handed the components, so the tests render it with stand-ins of the same names (UI Kit's components are plain
// element names that Jira draws) and look at the result without a browser. CommonJS, like validator.js, so Node's test
// runner loads it as it is.
'use strict';

const DATE = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/;

// "2026-11-29T09:41:07.123Z" → "2026-11-29 09:41 UTC": the same for every viewer, as Jira's own audit times are not.
function when(iso) {
    const match = DATE.exec(String(iso));
    return match ? `${match[1]} ${match[2]} UTC` : String(iso);
}

const LOZENGE = { done: 'success', indeterminate: 'inprogress', new: 'default' };

function createPanelView(React, ui) {
    const h = React.createElement;
    const { Stack, Inline, Heading, Text, Lozenge, Icon, User, SectionMessage, Spinner, Button } = ui;

    const status = (s) => h(Lozenge, { appearance: LOZENGE[s.category] || 'default' }, s.name);

    const check = (ok, label) => h(Icon, {
        glyph: ok ? 'check-circle' : 'cross-circle',
        label,
        color: ok ? 'color.icon.success' : 'color.icon.danger',
        size: 'small'
    });

    const title = (text) => h(Heading, { as: 'h4', size: 'xxsmall' }, text);

    const person = (user) => (user && user.accountId
        ? h(User, { accountId: user.accountId })
        : h(Text, null, user ? user.displayName : 'nobody'));

    const subtle = (text) => h(Text, { color: 'color.text.subtle', size: 'small' }, text);

    function Sections({ model }) {
        const missing = model.sections.filter((s) => !s.filled).length;
        const closed = model.status.category === 'done';
        let note;
        if (missing === 0) {
            note = closed ? 'Every required section is filled in.'
                : 'Every required section is filled in: it may be closed.';
        } else if (closed) {
            note = `Closed with ${missing === 1 ? 'this section' : 'these sections'} empty.`;
        } else {
            note = `Closing is blocked until ${missing === 1 ? 'this section is' : 'these sections are'} filled in.`;
        }
        return h(Stack, { space: 'space.050' },
            title('Required sections'),
            ...model.sections.map((s) => h(Inline, { key: s.title, space: 'space.075', alignBlock: 'center' },
                check(s.filled, s.filled ? 'filled in' : 'empty or TBD'),
                h(Text, null, s.title),
                s.filled ? null : h(Lozenge, { appearance: 'removed' }, 'empty or TBD'))),
            subtle(note));
    }

    // A key, its summary (which wraps in the narrow column) and its status.
    const issueRow = (issue) => h(Inline, { key: issue.key, space: 'space.075', alignBlock: 'start' },
        h(Text, { weight: 'medium' }, issue.key), h(Text, null, issue.summary), status(issue.status));

    function FollowUps({ model }) {
        const untracked = model.untracked.map((summary, i) => h(Inline, { key: `u${i}`, space: 'space.075',
            alignBlock: 'start' },
        h(Icon, { glyph: 'warning', label: 'not tracked', color: 'color.icon.warning', size: 'small' }),
        h(Text, null, summary)));
        return h(Stack, { space: 'space.050' },
            title('Prevention follow-ups'),
            ...model.followUps.map(issueRow),
            model.followUps.length === 0 && untracked.length === 0 ? subtle('No prevention actions listed yet.') : null,
            untracked.length === 0 ? null : subtle(model.followUpsDue
                ? 'Not tracked yet (prodsupport makes their follow-ups on its next pass):'
                : 'Not tracked yet (each gets a follow-up when the incident is resolved):'),
            ...untracked);
    }

    function Postmortem({ model }) {
        if (!model.postmortem) {
            return null;
        }
        return h(Stack, { space: 'space.050' }, title('Post-mortem'), issueRow(model.postmortem));
    }

    function People({ model }) {
        const staffed = model.staffed;
        const line = (label, user) => h(Inline, { space: 'space.075', alignBlock: 'center' }, h(Text, null, label),
            person(user));
        return h(Stack, { space: 'space.050' },
            title('People'),
            line('Owner:', model.owner),
            model.onDutyNow ? line('On duty now:', model.onDutyNow) : null,
            staffed && staffed.onDuty ? line('On duty when staffed:', staffed.onDuty) : null,
            staffed
                ? subtle(`Staffed ${when(staffed.at)}, ${staffed.watchers} watcher${staffed.watchers === 1 ? '' : 's'}`
                    + ' added.')
                : subtle('Not staffed by prodsupport (it staffs new incidents only).'));
    }

    function Channels({ model }) {
        const { told, notTold } = model.channels;
        return h(Stack, { space: 'space.050' },
            title('Channels'),
            told.length === 0 && notTold.length === 0
                ? subtle('No channel has been sent this incident yet.')
                : null,
            told.length === 0 ? null : h(Inline, { space: 'space.075', alignBlock: 'center' },
                check(true, 'told'), h(Text, null, `Announced to: ${told.join(', ')}`)),
            notTold.length === 0 ? null : h(Inline, { space: 'space.075', alignBlock: 'center' },
                check(false, 'not told'), h(Text, null, `Not announced yet: ${notTold.join(', ')}`)));
    }

    return function PanelView({ model, onRefresh }) {
        if (!model) {
            return h(Spinner, { label: 'Reading the incident' });
        }
        if (model.error) {
            return h(SectionMessage, { appearance: 'warning', title: 'The checklist is not available' },
                h(Text, null, model.error));
        }
        if (!model.incident) {
            return h(Text, null, 'Not a production-support incident (outside the configured issue types or label).');
        }
        const closed = model.status.category === 'done';
        let verdict;
        if (model.mayClose) {
            verdict = h(Lozenge, { appearance: 'success', isBold: true }, closed ? 'complete' : 'ready to close');
        } else {
            verdict = h(Lozenge, { appearance: 'removed', isBold: true },
                closed ? 'closed incomplete' : 'not ready to close');
        }
        return h(Stack, { space: 'space.200' },
            h(Inline, { space: 'space.100', alignBlock: 'center', shouldWrap: true }, status(model.status), verdict),
            h(Sections, { model }),
            h(FollowUps, { model }),
            h(Postmortem, { model }),
            h(People, { model }),
            h(Channels, { model }),
            onRefresh ? h(Button, { appearance: 'subtle', spacing: 'compact', iconBefore: 'refresh',
                onClick: onRefresh }, 'Refresh') : null);
    };
}

module.exports = { createPanelView: createPanelView, when: when };
