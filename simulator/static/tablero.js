// The dashboard's live refresh: every two seconds, the sections drawn on the server again, from
// /_sim/tablero.json with the page's own filters (and token, when it came in the URL). Without script the
// page refreshes itself every ten seconds (<noscript> meta refresh).
(function () {
  "use strict";
  var EVERY = 2000;
  function refresh() {
    fetch("/_sim/tablero.json" + window.location.search, { cache: "no-store", headers: { "Accept": "application/json" } })
      .then(function (answer) { return answer.ok ? answer.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        Object.keys(data.secciones).forEach(function (id) {
          var section = document.getElementById(id);
          if (!section || section.innerHTML === data.secciones[id]) { return; }
          var open = Array.prototype.map.call(section.querySelectorAll("details"), function (d) { return d.open; });
          section.innerHTML = data.secciones[id];
          section.querySelectorAll("details").forEach(function (d, i) { d.open = !!open[i]; });
        });
        var now = document.getElementById("ahora");
        var t = data.ahora;  // the simulator's time as it says it (its zone), not the browser's
        if (now) { now.textContent = t.slice(8, 10) + "/" + t.slice(5, 7) + "/" + t.slice(0, 4) + " " + t.slice(11, 19); }
        document.body.setAttribute("data-actualizado", data.ahora);
      })
      .catch(function () { /* the next round tries again */ })
      .then(function () { window.setTimeout(refresh, EVERY); });
  }
  window.setTimeout(refresh, EVERY);
})();
