/**
 * The preview's stylesheet: VS Code theme variables only (so light, dark and high-contrast themes
 * all work), each with a neutral fallback for the exported HTML file that is opened outside VS Code.
 * No `>` or quotes in selectors: the same text is embedded in a standalone SVG as escaped XML.
 */
export const PREVIEW_CSS = `
:root { color-scheme: light dark; }
body { margin: 0; padding: 0 16px 24px; color: var(--vscode-foreground, #1f1f1f); background: var(--vscode-editor-background, #ffffff);
  font-family: var(--vscode-font-family, system-ui, sans-serif); font-size: var(--vscode-font-size, 13px); line-height: 1.45; }
.pm { max-width: 1100px; }
.pm h1 { font-size: 1.4em; margin: 12px 0 4px; overflow-wrap: anywhere; }
.pm h2 { font-size: 1.1em; margin: 18px 0 6px; border-bottom: 1px solid var(--vscode-panel-border, #8884); padding-bottom: 2px; }
.pm .meta { margin: 0; color: var(--vscode-descriptionForeground, #555); }
.pm .meta span + span::before { content: " · "; }
.pm a { color: var(--vscode-textLink-foreground, #0b62c4); }
.pm a:hover { color: var(--vscode-textLink-activeForeground, #0b62c4); }
.toolbar { float: right; margin-top: 12px; display: flex; gap: 6px; }
.toolbar button { font: inherit; color: var(--vscode-button-secondaryForeground, #1f1f1f); background: var(--vscode-button-secondaryBackground, #e5e5e5);
  border: 1px solid var(--vscode-button-border, var(--vscode-contrastBorder, transparent)); border-radius: 2px; padding: 2px 8px; cursor: pointer; }
.toolbar button:hover { background: var(--vscode-button-secondaryHoverBackground, #d5d5d5); }
.toolbar button:focus-visible { outline: 1px solid var(--vscode-focusBorder, #0969da); outline-offset: 1px; }
.pm .empty { color: var(--vscode-descriptionForeground, #555); font-style: italic; }
.axis { width: 100%; max-width: 100%; height: auto; display: block; overflow: visible; }
.axis .base { stroke: var(--vscode-foreground, #1f1f1f); stroke-width: 1; opacity: 0.6; }
.axis .impact { fill: var(--vscode-charts-red, #d1242f); opacity: 0.16; stroke: var(--vscode-charts-red, #d1242f); stroke-opacity: 0.6; }
.axis .dot { fill: var(--vscode-foreground, #1f1f1f); opacity: 0.7; }
.axis .dot.out-of-order { fill: var(--vscode-charts-yellow, #9a6700); opacity: 1; }
.axis .phase { stroke-width: 2; }
.axis .phase-started { stroke: var(--vscode-charts-red, #d1242f); }
.axis .phase-detected { stroke: var(--vscode-charts-yellow, #9a6700); }
.axis .phase-acknowledged { stroke: var(--vscode-charts-orange, #bc4c00); }
.axis .phase-mitigated { stroke: var(--vscode-charts-blue, #0969da); }
.axis .phase-resolved { stroke: var(--vscode-charts-green, #1a7f37); }
.axis text { fill: var(--vscode-foreground, #1f1f1f); font-size: 11px; }
.axis .edge { fill: var(--vscode-descriptionForeground, #555); }
.phase-list { list-style: none; padding: 0; margin: 6px 0; display: flex; flex-wrap: wrap; gap: 4px 18px; }
.phase-list .name { font-weight: 600; }
.durations { display: flex; flex-wrap: wrap; gap: 6px 12px; margin: 8px 0; }
.durations div { border: 1px solid var(--vscode-contrastBorder, var(--vscode-panel-border, #8884)); border-radius: 4px; padding: 4px 8px; }
.durations dt { font-weight: 600; }
.durations dd { margin: 0; }
.durations .definition { color: var(--vscode-descriptionForeground, #555); display: block; }
.entries { list-style: none; padding: 0; margin: 0; }
.entry { display: block; padding: 4px 6px; margin: 1px 0; border-left: 3px solid transparent; border-radius: 2px; cursor: pointer;
  overflow-wrap: anywhere; word-break: break-word; }
.entry:hover { background: var(--vscode-list-hoverBackground, #8881); }
.entry:focus { outline: 1px solid var(--vscode-focusBorder, #0969da); outline-offset: -1px; }
.entry[aria-current] { border-left-color: var(--vscode-focusBorder, #0969da); background: var(--vscode-list-inactiveSelectionBackground, #8882); }
.entry .time { font-family: var(--vscode-editor-font-family, monospace); font-weight: 600; margin-right: 8px; }
.entry .text { display: block; max-height: 9em; overflow: hidden; text-overflow: ellipsis; }
.entry .gap { display: block; margin: 2px 0 6px; padding: 2px 6px; border-top: 2px dashed var(--vscode-charts-yellow, #9a6700);
  color: var(--vscode-descriptionForeground, #555); font-size: 0.92em; }
.badge { display: inline-block; margin-right: 6px; padding: 0 5px; border-radius: 8px; font-size: 0.85em;
  border: 1px solid var(--vscode-contrastBorder, currentColor); }
.badge.warn { color: var(--vscode-charts-yellow, #9a6700); }
.badge.error { color: var(--vscode-charts-red, #d1242f); }
.badge.info { color: var(--vscode-charts-blue, #0969da); }
.badge.mark { color: var(--vscode-charts-green, #1a7f37); }
.actions { padding-left: 0; list-style: none; }
.actions li { padding: 3px 0; overflow-wrap: anywhere; }
.actions .check { display: inline-block; width: 1.4em; }
.actions .done .text { text-decoration: line-through; opacity: 0.8; }
.actions .fields { display: block; padding-left: 1.4em; color: var(--vscode-descriptionForeground, #555); }
.actions .fields span + span::before { content: " · "; }
.actions .no-ticket { font-style: italic; }
`;

/** Colours for the standalone SVG export (no theme there). */
export const SVG_EXPORT_CSS = `
text { font-family: system-ui, sans-serif; font-size: 12px; fill: #1f1f1f; }
.title { font-size: 18px; font-weight: 600; }
.h2 { font-size: 14px; font-weight: 600; }
.muted, .edge { fill: #555; }
.base { stroke: #555; }
.impact { fill: #d1242f; opacity: 0.16; stroke: #d1242f; }
.dot { fill: #1f1f1f; opacity: 0.7; }
.dot.out-of-order { fill: #9a6700; opacity: 1; }
.phase { stroke-width: 2; }
.phase-started { stroke: #d1242f; } .phase-detected { stroke: #9a6700; } .phase-acknowledged { stroke: #bc4c00; }
.phase-mitigated { stroke: #0969da; } .phase-resolved { stroke: #1a7f37; }
.time { font-family: monospace; font-weight: 600; }
.badge { fill: #9a6700; font-weight: 600; }
.gap { fill: #9a6700; }
.gapline { stroke: #9a6700; stroke-dasharray: 4 3; }
`;
