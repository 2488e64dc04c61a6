/**
 * The analytics report's one style sheet: system fonts only (nothing to fetch), tabular figures in
 * tables, realised in teal and potential in orange everywhere (cards, bars, map, network), and a
 * print layout for A4 so the mailed file also prints as a report.
 */
export const REPORT_CSS = `
:root{--ink:#1b2430;--muted:#5f6b7a;--line:#e3e7ec;--soft:#f6f8fa;--accent:#1f3b57;--realised:#0f766e;--potential:#c2570c;--idle:#9aa5b4}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#eef1f4;color:var(--ink);font:14px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans","Liberation Sans",sans-serif}
main{max-width:960px;margin:24px auto;background:#fff;padding:44px 48px 40px;box-shadow:0 1px 3px rgba(16,24,40,.08)}
h1{font-size:28px;line-height:1.2;margin:4px 0 14px;letter-spacing:-.01em;color:#0f1722}
h2{font-size:19px;margin:44px 0 6px;padding-bottom:6px;border-bottom:2px solid var(--accent);color:#0f1722}
h3{font-size:15px;margin:26px 0 6px;color:#0f1722}
p{margin:6px 0}
.eyebrow{margin:0;font-size:12px;font-weight:600;letter-spacing:.08em;text-transform:uppercase;color:var(--accent)}
.lead{color:var(--muted);max-width:72ch}
.meta{display:grid;grid-template-columns:repeat(2,1fr);gap:4px 32px;margin:0;padding:14px 16px;background:var(--soft);border:1px solid var(--line);border-radius:6px}
.meta div{display:flex;gap:8px}
.meta dt{color:var(--muted);min-width:110px}
.meta dd{margin:0;font-weight:500}
.toc{margin:22px 0 0;font-size:13px}
.toc ol{display:flex;flex-wrap:wrap;gap:4px 18px;margin:0;padding:0;list-style:none;counter-reset:toc}
.toc li{counter-increment:toc}
.toc li::before{content:counter(toc) ". ";color:var(--muted)}
.toc a{color:var(--accent);text-decoration:none}
.cards{display:grid;grid-template-columns:repeat(4,1fr);gap:12px;margin:26px 0 0}
.card{border:1px solid var(--line);border-top:4px solid var(--realised);border-radius:4px;padding:10px 14px 12px}
.card.potential{border-top-color:var(--potential)}
.card .tag{font-size:11px;font-weight:600;letter-spacing:.06em;text-transform:uppercase;color:var(--realised)}
.card.potential .tag{color:var(--potential)}
.card .v{font-size:26px;font-weight:600;line-height:1.2;margin:4px 0 0;font-variant-numeric:tabular-nums}
.card .k{font-size:13px}
.card .s{font-size:12px;color:var(--muted)}
section.realised h2{border-bottom-color:var(--realised)}
section.potential h2{border-bottom-color:var(--potential)}
table{width:100%;border-collapse:collapse;margin:10px 0 6px;font-size:13px}
th,td{padding:6px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
thead th{font-size:12px;font-weight:600;color:var(--muted);border-bottom:1.5px solid #b9c2cd;vertical-align:bottom}
thead th.grp{text-align:center;border-bottom:2px solid var(--accent);color:var(--ink)}
thead th.grp.realised{border-bottom-color:var(--realised)}
thead th.grp.potential{border-bottom-color:var(--potential)}
tbody tr:nth-child(even) td{background:#fafbfc}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
thead th.num{white-space:normal}
.nowrap{white-space:nowrap}
.scroll{overflow-x:auto}
th .set{display:block;font-weight:400;white-space:nowrap;font-size:11px}
td.fig{font-weight:500;min-width:150px}
td.method,.sub{color:var(--muted);font-size:12px}
.sub{display:block;font-weight:400}
.warn{display:block;color:#9a3412;font-size:12px}
table.compact{font-size:12px}
table.pairs tbody{border-top:1px solid #c9d1db}
table.pairs tbody tr td{background:none;border-bottom:none;padding-top:2px;padding-bottom:2px}
table.pairs tbody tr:first-child td{padding-top:5px}
table.pairs tbody tr:last-child td{padding-bottom:5px}
td.basis{font-size:11px;font-weight:600;letter-spacing:.03em}
td.basis.realised{color:var(--realised)}
td.basis.potential{color:var(--potential)}
table.co2e td.num{white-space:normal;width:40%}
table.compact th,table.compact td{padding:4px 6px}
.stat{font-size:15px;margin:12px 0 4px}
.note{color:var(--muted);font-size:12px}
.empty{color:var(--muted);font-style:italic;padding:10px 0}
details{margin:6px 0;font-size:13px}
summary{cursor:pointer;color:#9a3412}
figure{margin:12px 0 4px}
figcaption{margin-top:6px}
svg.chart{display:block;width:100%;height:auto;max-width:100%}
svg text{font-family:inherit;font-size:12px;fill:#334155}
svg .tick{font-size:11px;fill:var(--muted)}
svg .note{font-size:12px;fill:var(--ink);font-variant-numeric:tabular-nums}
svg .axis{stroke:#94a3b8;stroke-width:1}
svg .grid{stroke:#e8ecf0;stroke-width:1}
.map svg,.network svg{background:#fbfcfd;border:1px solid var(--line);border-radius:4px}
.outline{fill:#edf1f5;stroke:#93a1b3;stroke-width:.7;fill-rule:evenodd;stroke-linejoin:round}
svg .place{font-size:10px;fill:#6b7788;letter-spacing:.02em}
svg .name{font-size:11px;font-weight:600;fill:#1b2430;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
.ex{fill:none;stroke-linecap:round}
.ex.realised{stroke:var(--realised);stroke-width:1.9;stroke-opacity:.9}
.ex.potential{stroke:var(--potential);stroke-width:1.2;stroke-dasharray:5 3;stroke-opacity:.7}
.site,.node{stroke:#fff;stroke-width:1}
.site.realised,.node.realised{fill:var(--realised)}
.site.potential,.node.potential{fill:var(--potential)}
.site.idle,.node.idle{fill:var(--idle)}
.bar{fill:var(--c,var(--accent))}
.bar.realised{fill:var(--realised)}
.bar.potential{fill:var(--potential);fill-opacity:.6}
.bar.funnel{fill:var(--accent)}
.line{fill:none;stroke:var(--c);stroke-width:2.2;stroke-linejoin:round}
.dot{fill:var(--c);stroke:#fff;stroke-width:1}
.c1{--c:#2563eb}.c2{--c:#7c3aed}.c3{--c:#0891b2}.c4{--c:#0f766e}.c5{--c:#dc2626}.c6{--c:#9aa5b4}
.legend{display:flex;flex-wrap:wrap;gap:4px 18px;font-size:12px;color:var(--muted)}
.key{display:inline-flex;align-items:center;gap:6px}
.swatch{display:inline-block;width:16px;height:3px;background:var(--c)}
.swatch.realised{height:10px;width:14px;background:var(--realised)}
.swatch.potential{height:10px;width:14px;background:var(--potential);opacity:.6}
.dotkey{display:inline-block;width:10px;height:10px;border-radius:50%;background:var(--idle)}
.dotkey.realised{background:var(--realised)}
.dotkey.potential{background:var(--potential)}
.linekey{display:inline-block;width:24px;border-top:2px solid var(--realised)}
.linekey.potential{border-top:2px dashed var(--potential)}
.facts{display:grid;grid-template-columns:repeat(3,1fr);gap:6px 24px;margin:14px 0 0}
.facts div{display:flex;justify-content:space-between;gap:8px;border-bottom:1px solid var(--line);padding:3px 0}
.facts dt{color:var(--muted)}
.facts dd{margin:0;font-variant-numeric:tabular-nums}
footer{margin-top:48px;padding-top:12px;border-top:1px solid var(--line);font-size:12px;color:var(--muted)}
footer ul{margin:4px 0 8px;padding-left:18px}
@media (max-width:760px){main{padding:24px 16px}.cards{grid-template-columns:repeat(2,1fr)}.facts{grid-template-columns:1fr}}
@page{size:A4;margin:14mm}
@media print{body{background:#fff;font-size:11pt}main{max-width:none;margin:0;padding:0;box-shadow:none}.toc{display:none}h2{break-after:avoid}figure,table.compact,.cards{break-inside:avoid}details>*{display:block}}
`;
