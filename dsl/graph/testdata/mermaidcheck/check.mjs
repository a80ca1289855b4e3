// check.mjs parses each Mermaid file named on the command line with
// Mermaid's own parser and prints those it rejects; it exits 1 if any.
// npm install in this directory first (see package.json).
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
const dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
globalThis.window = dom.window;
globalThis.document = dom.window.document;
globalThis.DOMParser = dom.window.DOMParser;
globalThis.Element = dom.window.Element;
globalThis.HTMLElement = dom.window.HTMLElement;
const mermaid = (await import('mermaid')).default;
mermaid.initialize({ startOnLoad: false });
let bad = 0;
for (const f of process.argv.slice(2)) {
  try {
    await mermaid.parse(readFileSync(f, 'utf8'));
  } catch (e) {
    bad++;
    console.log(f + ': ' + String(e.message || e).split('\n').slice(0, 4).join(' | '));
  }
}
console.log(`checked ${process.argv.length - 2}, ${bad} rejected`);
process.exit(bad ? 1 : 0);
