// Prints the README's text renderings of the panel and, given a folder, writes panel.html with both side by side for a
// screenshot (an approximation of Jira's look, see test/render.js):
//   npm run render -- /tmp/panel
//   chromium --headless --no-sandbox --hide-scrollbars --window-size=820,720 --screenshot=../panel.png /tmp/panel/panel.html
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const samples = require('../test/samples.js');
const { renderText, renderHtml } = require('../test/render.js');

const BODY = /<body>([\s\S]*)<\/body>/;

(async () => {
    const out = process.argv[2];
    const pages = [];
    for (const name of ['working', 'resolved']) {
        const model = await samples[name]();
        console.log(`${name}:\n${renderText(model, samples.NAMES)}\n`);
        pages.push(renderHtml(model, samples.NAMES));
    }
    if (out) {
        const [first, second] = pages;
        const both = first.replace(BODY, (all, body) => `<body><div style="display:flex">${body}${BODY.exec(second)[1]}`
            + '</div></body>');
        fs.mkdirSync(out, { recursive: true });
        fs.writeFileSync(path.join(out, 'panel.html'), both);
    }
})();
