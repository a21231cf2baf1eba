// Injected by the browser test into a copy of report.html (the report itself runs no script):
// measures the page as Chromium laid it out and writes the result into the DOM, which
// `chromium --dump-dom` then returns.
(function () {
  var out = {};
  out.overview = document.querySelectorAll('#overview .tile').length;
  out.alerts = document.querySelectorAll('#alerts li.alert').length;
  out.cards = [];
  document.querySelectorAll('#cards .card').forEach(function (c) { out.cards.push(c.id); });
  out.tableRows = document.querySelectorAll('#columns tbody tr').length;
  out.svgs = document.querySelectorAll('svg').length;
  out.texts = 0;
  out.outside = [];
  document.querySelectorAll('svg').forEach(function (svg) {
    var box = svg.getBoundingClientRect();
    svg.querySelectorAll('text').forEach(function (t) {
      out.texts++;
      var r = t.getBoundingClientRect();
      if (r.width === 0 || r.left < box.left - 0.5 || r.right > box.right + 0.5 ||
          r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) {
        out.outside.push(t.textContent + ' in ' + (svg.closest('.card') || {}).id);
      }
    });
  });
  out.brokenLinks = [];
  document.querySelectorAll('a[href^="#"]').forEach(function (a) {
    if (!document.getElementById(a.getAttribute('href').slice(1))) {
      out.brokenLinks.push(a.getAttribute('href'));
    }
  });
  out.pageWidth = document.documentElement.scrollWidth;
  out.viewport = window.innerWidth;
  var pre = document.createElement('pre');
  pre.id = 'measured';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
