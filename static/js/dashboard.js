// The fidelity dashboards: definitions on hover or tap, and the trend charts.
// Loaded as a file (strict CSP); the chart data comes from a json_script element.
(function () {
  "use strict";

  var COLOURS = ["#0d47a1", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#6a3d9a", "#444444"];
  var DASHES = [[], [4, 3], [1, 3], [8, 3, 2, 3]];

  function initPopovers(root) {
    if (!window.bootstrap) {
      return;
    }
    (root || document).querySelectorAll('[data-bs-toggle="popover"]').forEach(function (element) {
      window.bootstrap.Popover.getOrCreateInstance(element);
    });
  }

  function lineFor(series, index) {
    var colour = COLOURS[index % COLOURS.length];
    return {
      label: series.label,
      data: series.values,
      borderColor: colour,
      backgroundColor: colour,
      borderWidth: index === 0 ? 3 : 1.5,
      borderDash: index === 0 ? [] : DASHES[index % DASHES.length],
      pointRadius: 2,
      spanGaps: false,
      tension: 0.2
    };
  }

  function targetLine(target, labels) {
    return {
      label: target.label,
      data: labels.map(function () { return target.value; }),
      borderColor: "#198754",
      backgroundColor: "#198754",
      borderDash: [10, 5],
      borderWidth: 2,
      pointRadius: 0,
      fill: false
    };
  }

  function initCharts() {
    var source = document.getElementById("trend-data");
    if (!source || !window.Chart) {
      return;
    }
    var data = JSON.parse(source.textContent);
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var spec = data.charts[Number(canvas.dataset.chart)];
      var datasets = spec.series.map(lineFor);
      spec.targets.forEach(function (target) {
        datasets.push(targetLine(target, data.labels));
      });
      new window.Chart(canvas, {
        type: "line",
        data: { labels: data.labels, datasets: datasets },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } },
          scales: {
            y: { beginAtZero: true, title: { display: Boolean(spec.unit), text: spec.unit } }
          }
        }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    initPopovers(document);
    initCharts();
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    initPopovers(event.target);
  });
})();
