// scylla view: live updates. The server numbers every change and sends it as a server-sent
// event; a change that concerns this page makes it fetch its content again (?fragment=1) and
// swap it in. EventSource reconnects by itself and sends Last-Event-ID, so the server replays
// what was missed (or sends "reset" when it can no longer, and the page refreshes).
(function () {
  "use strict";
  var scope = document.body.getAttribute("data-live") || "*";
  var badge = document.getElementById("live");
  var main = document.getElementById("main");
  var timer = null;
  var pending = false;

  function concerns(change) {
    if (scope === "*") return true;
    var colon = scope.indexOf(":");
    var exp = colon < 0 ? scope : scope.substring(0, colon);
    var run = colon < 0 ? null : scope.substring(colon + 1);
    if ("e" + change.experiment !== exp) return false;
    return run === null || change.run === run || change.run === "*";
  }

  function editing() {
    var a = document.activeElement;
    return a && main.contains(a) && /^(INPUT|SELECT|TEXTAREA)$/.test(a.tagName);
  }

  function refresh() {
    pending = true;
    clearTimeout(timer);
    timer = setTimeout(load, 150);
  }

  function load() {
    if (editing()) {
      timer = setTimeout(load, 500);
      return;
    }
    pending = false;
    var url = new URL(window.location.href);
    url.searchParams.set("fragment", "1");
    fetch(url.toString(), { cache: "no-store" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (html === null) return;
        var open = [];
        main.querySelectorAll("details[open] > summary").forEach(function (s) {
          open.push(s.textContent);
        });
        main.innerHTML = html;
        main.querySelectorAll("details > summary").forEach(function (s) {
          if (open.indexOf(s.textContent) >= 0) s.parentNode.setAttribute("open", "");
        });
        badge.textContent = "live · updated " + new Date().toLocaleTimeString();
      })
      .catch(function () { if (!pending) refresh(); });
  }

  // runs in flight: their elapsed time ticks between updates
  function duration(s) {
    s = Math.max(0, Math.round(s));
    if (s < 60) return s + "s";
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    if (s < 3600) return Math.floor(s / 60) + "m" + pad(s % 60) + "s";
    return Math.floor(s / 3600) + "h" + pad(Math.floor((s % 3600) / 60)) + "m";
  }
  setInterval(function () {
    main.querySelectorAll(".elapsed[data-since]").forEach(function (el) {
      el.textContent = duration((Date.now() - Number(el.getAttribute("data-since"))) / 1000);
    });
  }, 1000);

  if (!window.EventSource) {
    badge.textContent = "no live updates in this browser";
    return;
  }
  var source = new EventSource("/events");
  source.addEventListener("hello", function () {
    badge.textContent = "live";
    badge.className = "live on";
  });
  source.addEventListener("reset", refresh);
  source.addEventListener("change", function (e) {
    var change = JSON.parse(e.data);
    document.body.setAttribute("data-seq", String(change.seq));
    if (concerns(change)) refresh();
  });
  source.onerror = function () {
    badge.textContent = "reconnecting…";
    badge.className = "live off";
  };
})();
