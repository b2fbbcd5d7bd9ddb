/* The replication network on the overview page: an ECharts force-directed graph from the page's JSON feed.
 *
 * A unit whose model others adopted is a blue circle, a unit that only adopted an orange diamond (shape and colour,
 * Okabe–Ito); the node grows with the adoptions it takes part in; each arrow goes from the source unit to the
 * adopting unit. Labels that would overlap are hidden until zoomed. Tooltips are drawn on the canvas, so the CSP
 * (no inline style attributes) holds.
 */
(function () {
  "use strict";

  function draw(box, data) {
    var chart = window.echarts.init(box, null, { renderer: "canvas" });
    var narrow = box.clientWidth < 480;
    var many = data.nodes.length > 30;
    var categories = [
      { name: box.dataset.legendSource, symbol: "circle", itemStyle: { color: "#0072B2" } },
      { name: box.dataset.legendAdopter, symbol: "diamond", itemStyle: { color: "#E69F00" } }
    ];
    chart.setOption({
      animation: false,
      aria: { enabled: true, label: { description: box.getAttribute("aria-label") } },
      tooltip: { renderMode: "richText", confine: true, formatter: function (params) {
        if (params.dataType === "edge") {
          return params.data.sourceName + " → " + params.data.targetName + "\n" + params.data.model + " (" + params.data.year + ")";
        }
        return params.data.name;
      } },
      legend: [{ data: categories.map(function (item) { return { name: item.name, icon: item.symbol }; }), top: 0 }],
      series: [{
        type: "graph",
        // A phone gets the circular layout, which always fits its box; a wider screen the force layout.
        layout: narrow ? "circular" : "force",
        circular: { rotateLabel: many },
        top: narrow ? 70 : 40, bottom: narrow ? 70 : 20, left: narrow ? 90 : 20, right: narrow ? 90 : 20,
        zoom: narrow ? 1 : (many ? 0.9 : 1),
        force: { repulsion: many ? 120 : 400, gravity: many ? 0.12 : 0.05, edgeLength: many ? [40, 90] : [120, 200], layoutAnimation: false },
        roam: !narrow,
        draggable: true,
        categories: categories,
        edgeSymbol: ["none", "arrow"],
        edgeSymbolSize: 8,
        lineStyle: { color: "#555", width: 1.5, curveness: 0.1, opacity: 0.8 },
        label: { show: true, position: narrow ? undefined : "right", fontSize: many || narrow ? 11 : 13, color: "#222" },
        labelLayout: { hideOverlap: true },
        emphasis: { focus: "adjacency", lineStyle: { width: 3 } },
        data: data.nodes.map(function (node) {
          return {
            id: node.id, name: node.name, category: node.sources ? 0 : 1,
            symbolSize: narrow ? Math.min(22, 8 + 2 * (node.sources + node.adoptions)) : Math.min(36, 12 + 4 * (node.sources + node.adoptions))
          };
        }),
        links: data.links.map(function (link) {
          var names = {};
          data.nodes.forEach(function (node) { names[node.id] = node.name; });
          return { source: link.source, target: link.target, model: link.model, year: link.year,
            sourceName: names[link.source], targetName: names[link.target] };
        })
      }]
    });
    window.addEventListener("resize", function () { chart.resize(); });
    box.setAttribute("data-loaded", "true");
  }

  document.addEventListener("DOMContentLoaded", function () {
    var box = document.querySelector("[data-network]");
    if (!box || !window.echarts) { return; }
    fetch(box.dataset.network, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { if (!response.ok) { throw new Error(String(response.status)); } return response.json(); })
      .then(function (data) { draw(box, data); })
      .catch(function () { box.setAttribute("data-loaded", "error"); });
  });
}());
