// Draws the panel without Jira: view.js is handed stand-ins for UI Kit's components, which in @forge/react are plain
// element names ('Stack', 'Text', …) that Jira's renderer draws. The element tree is then written out as text (for
// tests and the README) or as HTML with Atlassian-like styles (for a screenshot in headless Chromium). The HTML is an
// approximation of Jira's look, not Jira's renderer.
'use strict';

const React = require('react');
const { createPanelView } = require('../src/frontend/view.js');

const COMPONENTS = ['Stack', 'Inline', 'Heading', 'Text', 'Lozenge', 'Icon', 'User', 'SectionMessage', 'Spinner',
    'Button'];
const ui = Object.fromEntries(COMPONENTS.map((name) => [name, name]));
const PanelView = createPanelView(React, ui);

// The element tree with function components called: {type, props, children} and strings.
function expand(node) {
    if (node === null || node === undefined || node === false || node === true) {
        return [];
    }
    if (Array.isArray(node)) {
        return node.flatMap(expand);
    }
    if (typeof node === 'string' || typeof node === 'number') {
        return [String(node)];
    }
    if (typeof node.type === 'function') {
        return expand(node.type(node.props));
    }
    const { children, ...props } = node.props || {};
    return [{ type: node.type, props, children: expand(children) }];
}

function panelTree(model, onRefresh = () => {}) {
    return expand(React.createElement(PanelView, { model, onRefresh }));
}

const GLYPHS = { 'check-circle': '✓', 'cross-circle': '✗', warning: '⚠', refresh: '⟳' };

function inlineText(nodes, names) {
    return nodes.map((n) => textOf(n, names)).filter((s) => s !== '').join(' ');
}

function textOf(node, names) {
    if (typeof node === 'string') {
        return node;
    }
    const inner = () => inlineText(node.children, names);
    switch (node.type) {
    case 'Lozenge':
        return `[${inner().toUpperCase()}]`;
    case 'Icon':
        return GLYPHS[node.props.glyph] || `(${node.props.glyph})`;
    case 'User':
        return `@${names[node.props.accountId] || node.props.accountId}`;
    case 'Button':
        return `( ${node.props.iconBefore ? `${GLYPHS[node.props.iconBefore]} ` : ''}${inner()} )`;
    case 'Spinner':
        return `… ${node.props.label}`;
    default:
        return inner();
    }
}

// Stacks put their children on lines of their own (a blank line between them when spaced widely); everything else
// is one line.
function lines(node, names) {
    if (typeof node !== 'string' && node.type === 'Stack') {
        const wide = node.props.space === 'space.200';
        return node.children.flatMap((child, i) => (wide && i > 0 ? [''] : []).concat(lines(child, names)));
    }
    if (typeof node !== 'string' && node.type === 'Heading') {
        return [textOf(node, names).toUpperCase()];
    }
    if (typeof node !== 'string' && node.type === 'SectionMessage') {
        return [`⚠ ${node.props.title}`, ...node.children.flatMap((c) => lines(c, names))];
    }
    return [textOf(node, names)];
}

/** The panel as text, under the module's title as Jira shows it. names: accountId → display name. */
function renderText(model, names = {}) {
    const body = panelTree(model).flatMap((n) => lines(n, names));
    return ['Incident checklist', ...body.map((l) => (l === '' ? '' : `  ${l}`))].join('\n');
}

const escape = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const LOZENGE_STYLE = {
    success: 'background:#DCFFF1;color:#216E4E', removed: 'background:#FFECEB;color:#AE2E24',
    inprogress: 'background:#E9F2FF;color:#0055CC', default: 'background:#F1F2F4;color:#44546F'
};
const ICON_COLOR = { 'color.icon.success': '#22A06B', 'color.icon.danger': '#C9372C', 'color.icon.warning': '#E56910' };
const GAP = { 'space.050': 4, 'space.075': 6, 'space.100': 8, 'space.200': 16 };

function html(node, names) {
    if (typeof node === 'string') {
        return escape(node);
    }
    const inner = () => node.children.map((c) => html(c, names)).join('');
    const p = node.props;
    switch (node.type) {
    case 'Stack':
        return `<div style="display:flex;flex-direction:column;gap:${GAP[p.space] || 0}px">${inner()}</div>`;
    case 'Inline':
        return `<div style="display:flex;${p.shouldWrap ? 'flex-wrap:wrap;' : ''}`
            + `align-items:${p.alignBlock === 'start' ? 'flex-start' : 'center'};gap:${GAP[p.space] || 0}px">${inner()}</div>`;
    case 'Heading':
        return `<div style="font-size:12px;font-weight:653;color:#44546F">${inner()}</div>`;
    case 'Text': {
        const color = p.color === 'color.text.subtle' ? '#626F86' : '#172B4D';
        const size = p.size === 'small' ? 12 : 14;
        const weight = p.weight === 'medium' ? 500 : 400;
        const nowrap = p.weight === 'medium' ? ';white-space:nowrap' : '';
        return `<span style="color:${color};font-size:${size}px;font-weight:${weight};line-height:20px${nowrap}">`
            + `${inner()}</span>`;
    }
    case 'Lozenge':
        return `<span style="${LOZENGE_STYLE[p.appearance] || LOZENGE_STYLE.default};border-radius:3px;padding:0 4px;`
            + `font-size:11px;font-weight:${p.isBold ? 700 : 650};text-transform:uppercase;line-height:16px;`
            + `white-space:nowrap;margin-top:2px">${inner()}</span>`;
    case 'Icon':
        return `<span aria-label="${escape(p.label)}" style="color:${ICON_COLOR[p.color] || '#626F86'};`
            + `font-weight:700;font-size:14px">${GLYPHS[p.glyph] || '•'}</span>`;
    case 'User': {
        const name = names[p.accountId] || p.accountId;
        const initials = name.split(' ').map((w) => w[0]).join('').slice(0, 2);
        return '<span style="display:inline-flex;align-items:center;gap:4px"><span style="width:20px;height:20px;'
            + 'border-radius:50%;background:#0C66E4;color:#fff;font-size:9px;display:inline-flex;align-items:center;'
            + `justify-content:center">${escape(initials)}</span><span style="font-size:14px;color:#172B4D">`
            + `${escape(name)}</span></span>`;
    }
    case 'Button':
        return '<span style="align-self:flex-start;font-size:14px;color:#44546F;padding:2px 6px;border-radius:3px;'
            + `background:#F1F2F4">${GLYPHS[p.iconBefore] || ''} ${inner()}</span>`;
    case 'SectionMessage':
        return `<div style="background:#FFF7D6;padding:12px;border-radius:3px"><b>${escape(p.title)}</b><br>${inner()}</div>`;
    case 'Spinner':
        return `<span>${escape(p.label)}…</span>`;
    default:
        return inner();
    }
}

/** A page with the panel as Jira's right-hand column shows an expanded issue context panel. */
function renderHtml(model, names = {}) {
    const body = panelTree(model).map((n) => html(n, names)).join('');
    return '<!doctype html><html><head><meta charset="utf-8"><style>body{margin:0;background:#fff;'
        + 'font-family:"DejaVu Sans",-apple-system,"Segoe UI",Roboto,sans-serif}</style></head><body>'
        + '<div style="width:380px;margin:12px;border:1px solid #DCDFE4;border-radius:3px">'
        + '<div style="padding:10px 12px;border-bottom:1px solid #DCDFE4;font-weight:600;color:#172B4D;font-size:14px">'
        + '▾ Incident checklist</div><div style="padding:12px">' + body + '</div></div></body></html>';
}

module.exports = { COMPONENTS, panelTree, renderText, renderHtml };
