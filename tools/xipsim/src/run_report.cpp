#include <fmt/format.h>

#include "run_writers.h"

namespace xipsim::tools {

namespace {

std::string esc(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string str(const Json& j) {
  return j.is_string() ? j.get<std::string>() : j.is_null() ? "" : j.dump();
}

// The JSON a <script> element may carry: "</" cannot close the element.
std::string script_json(const Json& j) {
  std::string s = j.dump();
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '<' && i + 1 < s.size() && s[i + 1] == '/') {
      out += "<\\/";
      ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

Json frames_json(const scenario::FrameRecorder& f) {
  Json tx = Json::array();
  for (const scenario::Transaction& t : f.transactions())
    tx.push_back({t.start / 1000, t.end / 1000, t.port, t.opcode, t.cmd_pads, t.ddr, t.slots,
                  t.flash_drove, t.period, t.step});
  Json waves = Json::array();
  for (const scenario::Waveform& w : f.waves())
    waves.push_back({{"start_ns", w.t.start / 1000},
                     {"period_ps", w.t.period},
                     {"opcode", w.t.opcode},
                     {"port", w.t.port},
                     {"ddr", w.t.ddr},
                     {"level", w.level},
                     {"ctrl", w.ctrl},
                     {"flash", w.flash}});
  return Json{{"total", f.total()}, {"transactions", tx}, {"waves", waves}};
}

constexpr const char* kStyle = R"(
body{font:14px/1.4 system-ui,sans-serif;margin:2em;max-width:1100px;color:#222}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #ccc}
.pass{color:#1a7f37}.fail{color:#cf222e}.verdict{font-size:1.2em;font-weight:600}
table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ddd;padding:2px 6px;
text-align:left;vertical-align:top}th{background:#f4f4f4}code,pre{font-family:ui-monospace,monospace}
pre{background:#f7f7f7;padding:8px;overflow:auto;font-size:12px}
.bar{height:16px;background:#4a90d9;display:inline-block}.bar.bad{background:#cf222e}
svg.wave{background:#fcfcfc;border:1px solid #ddd;margin:4px 0}
)";

// Renders the timeline, the transaction table and the waveforms from the embedded data; sets
// body[data-rendered] so a headless browser test can tell the script ran to the end.
constexpr const char* kScript = R"(
(function(){
const d=JSON.parse(document.getElementById('result').textContent);
const f=JSON.parse(document.getElementById('frames').textContent);
const hex=(v)=>v<0?'-':v.toString(16).toUpperCase().padStart(2,'0')+'h';
const tl=document.getElementById('timeline');
const end=Math.max(1,d.sim_time_ns);
for(const s of d.steps){
  const rows=s.boot?s.boot.steps.map(b=>({t:b.time_ns,name:'boot: '+b.step,ok:b.ok,text:b.text})):
    [{t:s.start_ns,name:s.kind,ok:s.ok,text:s.text}];
  for(const r of rows){
    const tr=document.createElement('tr');
    const w=Math.max(2,Math.round(300*r.t/end));
    tr.innerHTML='<td>'+(r.t/1e6).toFixed(3)+' ms</td><td><span class="bar'+(r.ok?'':' bad')+
      '" style="width:'+w+'px"></span></td><td>'+r.name+'</td><td></td>';
    tr.lastChild.textContent=r.text;
    tl.appendChild(tr);
  }
}
const tt=document.getElementById('transactions');
const fstep=document.getElementById('txstep'), fcmd=document.getElementById('txcmd');
const opt=(sel,v,text)=>{const o=document.createElement('option');o.value=v;o.textContent=text;sel.appendChild(o);};
opt(fstep,'','every step'); opt(fcmd,'','every command');
for(const n of [...new Set(f.transactions.map(t=>t[9]))].sort((a,b)=>a-b)){
  const st=d.steps[n-1]; opt(fstep,String(n),'step '+n+(st?' ('+st.label+')':''));
}
for(const c of [...new Set(f.transactions.map(t=>t[3]))].sort((a,b)=>a-b)) opt(fcmd,String(c),hex(c));
const bootStep=d.steps.findIndex(s=>s.kind==='boot');
if(bootStep>=0) fstep.value=String(bootStep+1);
function fill(){
  while(tt.rows.length>1) tt.deleteRow(1);
  const match=f.transactions.filter(t=>(fstep.value===''||t[9]===+fstep.value)&&
    (fcmd.value===''||t[3]===+fcmd.value));
  const shown=match.slice(0,300);
  for(const t of shown){
    const tr=document.createElement('tr');
    tr.innerHTML='<td>'+t[9]+'</td><td>'+(t[0]/1e3).toFixed(3)+' us</td><td>'+['A1','A2','B1','B2'][t[2]]+
      '</td><td>'+hex(t[3])+'</td><td>'+t[4]+'</td><td>'+(t[5]?'DDR':'SDR')+'</td><td>'+t[6]+
      '</td><td>'+(1e6/t[8]).toFixed(0)+' MHz</td><td>'+(t[7]?'yes':'no')+'</td>';
    tt.appendChild(tr);
  }
  tt.setAttribute('data-rows',String(shown.length));
  document.getElementById('txnote').textContent=f.total+' frames recorded in all; '+match.length+
    ' match the filter, '+shown.length+' are listed.';
}
fstep.onchange=fill; fcmd.onchange=fill; fill();
const wv=document.getElementById('waves');
const NS='http://www.w3.org/2000/svg';
const lines=['CS#','SCLK','IO0','IO1','IO2','IO3'];
for(const w of f.waves){
  const n=w.level.length, dx=Math.max(4,Math.min(12,900/n)), rowh=18;
  const svg=document.createElementNS(NS,'svg');
  svg.setAttribute('class','wave');
  svg.setAttribute('width',60+dx*n+10); svg.setAttribute('height',rowh*lines.length+8);
  lines.forEach((name,row)=>{
    const y0=4+row*rowh, hi=y0+3, lo=y0+rowh-5;
    const label=document.createElementNS(NS,'text');
    label.setAttribute('x',2); label.setAttribute('y',lo); label.setAttribute('font-size','11');
    label.textContent=name; svg.appendChild(label);
    let p='';
    for(let i=0;i<n;i++){
      const x=60+i*dx; let v;
      if(row===0) v=0; else if(row===1) v=null; else v=(w.level[i]>>(row-2))&1;
      if(row===1){p+=(i?'L':'M')+x+' '+lo+' L'+x+' '+hi+' L'+(x+dx/2)+' '+hi+' L'+(x+dx/2)+' '+lo+' L'+(x+dx)+' '+lo+' ';continue;}
      const y=v?hi:lo; p+=(i?'L':'M')+x+' '+y+' L'+(x+dx)+' '+y+' ';
    }
    const path=document.createElementNS(NS,'path');
    path.setAttribute('d',p); path.setAttribute('fill','none');
    path.setAttribute('stroke',row<2?'#555':'#1f6feb'); svg.appendChild(path);
    if(row>=2) for(let i=0;i<n;i++){
      const bit=1<<(row-2);
      if(w.flash[i]&bit){const r=document.createElementNS(NS,'rect');
        r.setAttribute('x',60+i*dx); r.setAttribute('y',y0); r.setAttribute('width',dx);
        r.setAttribute('height',rowh-4); r.setAttribute('fill','rgba(26,127,55,0.18)'); svg.appendChild(r);}
    }
  });
  const cap=document.createElement('div');
  cap.textContent='Frame at '+(w.start_ns/1e3).toFixed(3)+' us, port '+['A1','A2','B1','B2'][w.port]+
    ', command '+hex(w.opcode)+', SCLK '+(1e6/w.period_ps).toFixed(0)+' MHz'+(w.ddr?' DDR':'')+
    ' (green: the flash drives the line)';
  wv.appendChild(cap); wv.appendChild(svg);
}
document.body.setAttribute('data-rendered','yes');
})();
)";

std::string fcb_rows(const Json& fcb) {
  std::string out;
  for (const auto& [k, v] : fcb.items())
    out += fmt::format("<tr><th>{}</th><td><code>{}</code></td></tr>", esc(k), esc(str(v)));
  return out;
}

}  // namespace

std::string html_report(const Json& r, const scenario::FrameRecorder& frames) {
  const bool pass = r["result"] == "pass";
  std::string checks;
  for (const Json& c : r["checks"])
    checks +=
        fmt::format("<tr><td class=\"{}\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    c["ok"].get<bool>() ? "pass" : "fail", c["ok"].get<bool>() ? "PASS" : "FAIL",
                    esc(str(c["subject"])), esc(str(c["expected"])), esc(str(c["actual"])));
  const Json* boot = nullptr;
  for (const Json& s : r["steps"])
    if (!s["boot"].is_null()) boot = &s["boot"];
  std::string decoded = "<p>No boot step ran.</p>";
  std::string verdict = "no boot";
  std::string hint;
  if (boot) {
    verdict = str((*boot)["verdict"]);
    decoded.clear();
    if (!(*boot)["fcb"].is_null())
      decoded += "<h3>FCB</h3><table>" + fcb_rows((*boot)["fcb"]) + "</table>";
    if (!(*boot)["ivt"].is_null())
      decoded += "<h3>IVT</h3><table>" + fcb_rows((*boot)["ivt"]) + "</table>";
    if (!(*boot)["boot_data"].is_null())
      decoded += "<h3>Boot data</h3><table>" + fcb_rows((*boot)["boot_data"]) + "</table>";
    if (decoded.empty()) decoded = "<p>The ROM did not get as far as a valid FCB.</p>";
    if (!(*boot)["reason"].is_null())
      hint += "<p><b>Reason:</b> " + esc(str((*boot)["reason"])) + "</p>";
    if (!(*boot)["hint"].is_null()) hint += "<p><b>Hint:</b> " + esc(str((*boot)["hint"])) + "</p>";
  }
  return fmt::format(
      R"(<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>xipsim: {name}</title>
<style>{style}</style></head>
<body data-rendered="no">
<h1>xipsim scenario <code>{name}</code></h1>
<p>{description}</p>
<p class="verdict {cls}">Scenario {result}. Last boot verdict: {verdict}.</p>
{hint}
<h2>Expectations</h2><table><tr><th></th><th>check</th><th>expected</th><th>actual</th></tr>{checks}</table>
<h2>Timeline of ROM and session steps</h2>
<table id="timeline"><tr><th>time</th><th></th><th>step</th><th>what happened</th></tr></table>
<h2>Decoded boot structures</h2>{decoded}
<h2>FlexSPI transactions</h2>
<p><label>Step <select id="txstep"></select></label> <label>Command <select id="txcmd"></select></label></p>
<p id="txnote"></p>
<table id="transactions"><tr><th>step</th><th>start</th><th>port</th><th>command</th><th>cmd pads</th><th>rate</th><th>slots</th><th>SCLK</th><th>flash answered</th></tr></table>
<h2>Waveforms: first frames of each kind of transaction</h2><div id="waves"></div>
<h2>Narrated log</h2><pre>{log}</pre>
<script type="application/json" id="result">{result_json}</script>
<script type="application/json" id="frames">{frames_json}</script>
<script>{script}</script>
</body></html>
)",
      fmt::arg("name", esc(str(r["name"]))), fmt::arg("style", kStyle),
      fmt::arg("description", esc(str(r.value("description", Json(""))))),
      fmt::arg("cls", pass ? "pass" : "fail"), fmt::arg("result", pass ? "PASSED" : "FAILED"),
      fmt::arg("verdict", esc(verdict)), fmt::arg("hint", hint), fmt::arg("checks", checks),
      fmt::arg("decoded", decoded), fmt::arg("log", esc(str(r["log"]))),
      fmt::arg("result_json", script_json(r)),
      fmt::arg("frames_json", script_json(frames_json(frames))), fmt::arg("script", kScript));
}

std::string junit_xml(const std::vector<Json>& results) {
  double total_s = 0;
  unsigned failures = 0, errors = 0;
  std::string cases;
  for (const Json& r : results) {
    const std::string result = r["result"];
    const double sim_s = r.value("sim_time_ns", 0.0) / 1e9;
    total_s += sim_s;
    cases += fmt::format(
        "  <testcase classname=\"xipsim.scenarios\" name=\"{}\" file=\"{}\" "
        "time=\"{:.6f}\">\n",
        esc(str(r["name"])), esc(str(r["file"])), sim_s);
    if (result == "fail") {
      ++failures;
      std::string msg;
      for (const Json& c : r["checks"])
        if (!c["ok"].get<bool>())
          msg += fmt::format("{}: expected {}, got {}\n", str(c["subject"]), str(c["expected"]),
                             str(c["actual"]));
      cases += fmt::format("    <failure message=\"{}\">{}</failure>\n",
                           esc(msg.substr(0, msg.find('\n'))), esc(msg));
    } else if (result == "error") {
      ++errors;
      cases += fmt::format("    <error message=\"{}\"/>\n", esc(str(r["error"])));
    }
    cases += "    <system-out>" + esc(str(r["log"])) + "</system-out>\n  </testcase>\n";
  }
  // time: simulated seconds (deterministic, unlike wall time).
  return fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n<testsuite "
      "name=\"xipsim scenarios\" tests=\"{}\" failures=\"{}\" errors=\"{}\" "
      "time=\"{:.6f}\">\n{}</testsuite>\n</testsuites>\n",
      results.size(), failures, errors, total_s, cases);
}

std::string summary_table(const std::vector<Json>& results) {
  std::size_t w = 8;
  for (const Json& r : results)
    w = std::max(w, str(r["name"]).size());
  std::string out = fmt::format("{:<{}}  {:<18} {:<18} {:>11}  {}\n", "scenario", w, "verdict",
                                "expected", "sim time", "result");
  unsigned pass = 0;
  for (const Json& r : results) {
    const std::string verdict = r["verdict"].is_null() ? "-" : str(r["verdict"]);
    const std::string want = r["expected_verdict"].is_null() ? "-" : str(r["expected_verdict"]);
    const std::string result = r["result"];
    pass += result == "pass";
    out += fmt::format("{:<{}}  {:<18} {:<18} {:>8.3f} ms  {}\n", str(r["name"]), w, verdict, want,
                       r.value("sim_time_ns", 0.0) / 1e6,
                       result == "pass"   ? "PASS"
                       : result == "fail" ? "FAIL"
                                          : "ERROR");
  }
  out += fmt::format("{} of {} scenarios passed\n", pass, results.size());
  return out;
}

}  // namespace xipsim::tools
