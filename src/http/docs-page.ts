/** A self-contained page that lists the API from /openapi.json (no CDN: this must work offline). */
export const docsPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Symbiosis engine API</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem}
code{background:#f3f3f3;padding:0 .25rem}h2{margin-top:2rem}.m{display:inline-block;width:4.5rem;font-weight:600}
details{margin:.25rem 0}pre{background:#f7f7f7;padding:.5rem;overflow:auto}</style></head>
<body><h1>Symbiosis engine API</h1><p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p>
<div id="ops">Loading…</div>
<script>
fetch('/openapi.json').then(r=>r.json()).then(spec=>{
  const root=document.getElementById('ops');root.textContent='';
  for(const [path,item] of Object.entries(spec.paths)){
    for(const [method,op] of Object.entries(item)){
      const d=document.createElement('details');const s=document.createElement('summary');
      s.innerHTML='<span class="m">'+method.toUpperCase()+'</span><code></code> ';
      s.querySelector('code').textContent=path;s.append(op.summary||'');d.append(s);
      const pre=document.createElement('pre');pre.textContent=JSON.stringify({parameters:op.parameters,requestBody:op.requestBody,responses:op.responses},null,2);
      d.append(pre);root.append(d);
    }
  }
});
</script></body></html>`;
