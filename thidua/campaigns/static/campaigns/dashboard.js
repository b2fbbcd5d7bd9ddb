/* The dashboards: every [data-dashboard] block is filled from its JSON feed with ECharts charts.
 *
 * Each chart gets a heading, its description, a summary line, the chart (canvas, with an aria label), a <details>
 * table holding the same figures and a link to its XLSX export. Colours are the Okabe–Ito palette; a target met or
 * not met is also told by a mark in the label (✓ / ✗) and a striped fill, never by colour alone. Tooltips are drawn
 * on the canvas (richText), so nothing is written as an inline style attribute: the page's CSP stays intact.
 */
(function () {
  "use strict";

  var PALETTE = {
    blue: "#0072B2", vermillion: "#D55E00", orange: "#E69F00", sky: "#56B4E9",
    green: "#009E73", purple: "#CC79A7", yellow: "#F0E442", black: "#000000", grey: "#8c8c8c"
  };
  var STRIPES = { symbol: "rect", symbolSize: 1, dashArrayX: [1, 0], dashArrayY: [3, 3], rotation: -Math.PI / 4, color: "rgba(255,255,255,0.55)" };
  var MARKS = { met: "✓", not_met: "✗", no_data: "–" };

  function texts() {
    var node = document.getElementById("dashboard-texts");
    return node ? node.dataset : {};
  }

  function language() {
    return document.documentElement.lang === "en" ? "en-GB" : "vi-VN";
  }

  function formatNumber(value) {
    if (value === null || value === undefined || value === "") { return ""; }
    return new Intl.NumberFormat(language(), { maximumFractionDigits: 2 }).format(value);
  }

  function formatDate(value) {
    if (!value) { return ""; }
    var parts = value.split("-");
    return parts[2] + "/" + parts[1] + "/" + parts[0];
  }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function statusColour(status) {
    if (status === "met") { return PALETTE.blue; }
    if (status === "not_met") { return PALETTE.vermillion; }
    return PALETTE.grey;
  }

  function cellText(column, row) {
    var value = row[column.key];
    if (column.type === "number" || column.type === "integer") { return formatNumber(value); }
    if (column.type === "date") { return formatDate(value); }
    if (column.type === "status") { return (MARKS[row.status] || "") + " " + (value || ""); }
    return value === null || value === undefined ? "" : String(value);
  }

  function table(chart, captionId) {
    var node = element("table", { "class": "table", "aria-describedby": captionId });
    node.appendChild(element("caption", {}, chart.title));
    var head = element("tr");
    chart.columns.forEach(function (column) {
      head.appendChild(element("th", { scope: "col", "data-key": column.key }, column.label));
    });
    node.appendChild(element("thead")).appendChild(head);
    var body = node.appendChild(element("tbody"));
    chart.rows.forEach(function (row) {
      var line = body.appendChild(element("tr"));
      chart.columns.forEach(function (column, index) {
        var cell = element(index === 0 ? "th" : "td", index === 0 ? { scope: "row" } : {});
        cell.setAttribute("data-key", column.key);
        if (column.type === "number" || column.type === "integer") { cell.className = "number"; }
        if (column.type === "status") { cell.className = "status " + row.status; }
        if (index === 0 && row.url) {
          cell.appendChild(element("a", { href: row.url }, cellText(column, row)));
        } else {
          cell.textContent = cellText(column, row);
        }
        line.appendChild(cell);
      });
    });
    return node;
  }

  function shortName(name) {
    var prefix = "Ủy ban nhân dân ";
    return name && name.indexOf(prefix) === 0 ? name.slice(prefix.length) : name;
  }

  function targetLine(chart, axis) {
    if (!chart.target || chart.target.threshold === null) { return undefined; }
    var line = { symbol: "none", silent: true, lineStyle: { color: PALETTE.black, type: "dashed", width: 2 },
      label: { formatter: texts().target + " " + chart.target.condition, position: axis === "x" ? "start" : "insideEndTop",
        color: PALETTE.black, backgroundColor: "rgba(255,255,255,0.85)", padding: 2 },
      data: [{}] };
    line.data[0][axis === "x" ? "xAxis" : "yAxis"] = chart.target.threshold;
    return line;
  }

  function narrow(container) { return container.clientWidth < 480; }

  function unitsOption(chart, container) {
    var rows = chart.rows.filter(function (row) { return row.value !== null; });
    var names = rows.map(function (row) { return shortName(row.unit); });
    var percent = chart.target && chart.target.unit_of_measure === "%";
    var bars = rows.map(function (row) {
      var item = { value: row.value, status: row.status, itemStyle: { color: statusColour(row.status) } };
      if (row.status !== "met") { item.itemStyle.decal = STRIPES; }
      return item;
    });
    var series = [{
      type: "bar", name: chart.title, data: bars, barMaxWidth: 22,
      // A white box on the bar's base: readable on the plain and the striped fill, clear of the whiskers.
      label: { show: true, position: "insideLeft", color: "#111", fontWeight: "bold", backgroundColor: "rgba(255,255,255,0.9)",
        padding: [1, 3], borderRadius: 3,
        formatter: function (params) { return (MARKS[params.data.status] || "") + " " + formatNumber(params.value); } },
      markLine: targetLine(chart, "x")
    }];
    if (chart.has_interval) {
      series.push({
        type: "custom", name: "95%", silent: true, z: 5,
        data: rows.map(function (row, index) { return [row.low, row.high, index]; }),
        renderItem: function (params, api) {
          if (api.value(0) === null || api.value(0) === undefined || isNaN(api.value(0))) { return null; }
          var low = api.coord([api.value(0), api.value(2)]);
          var high = api.coord([api.value(1), api.value(2)]);
          var cap = 5;
          var style = { stroke: PALETTE.black, lineWidth: 1.5 };
          return { type: "group", children: [
            { type: "line", shape: { x1: low[0], y1: low[1], x2: high[0], y2: high[1] }, style: style },
            { type: "line", shape: { x1: low[0], y1: low[1] - cap, x2: low[0], y2: low[1] + cap }, style: style },
            { type: "line", shape: { x1: high[0], y1: high[1] - cap, x2: high[0], y2: high[1] + cap }, style: style }
          ] };
        },
        encode: { x: [0, 1], y: 2 }
      });
    }
    return {
      grid: { left: 8, right: 56, top: 32, bottom: 24, containLabel: true },
      xAxis: { type: "value", min: percent ? 0 : undefined, max: percent ? 100 : undefined, splitNumber: narrow(container) ? 3 : 5,
        axisLabel: { formatter: function (value) { return formatNumber(value) + (percent ? "%" : ""); } } },
      yAxis: { type: "category", data: names, inverse: true,
        axisLabel: { width: narrow(container) ? 110 : 220, overflow: "truncate" } },
      series: series
    };
  }

  function coverageOption(chart) {
    var labels = chart.labels;
    var uncovered = chart.participating - chart.covered;
    return {
      title: { text: chart.percent === null ? "–" : formatNumber(chart.percent) + "%", left: "center", top: "center",
        textStyle: { fontSize: 22, color: PALETTE.black } },
      legend: { bottom: 0 },
      series: [{
        type: "pie", radius: ["48%", "72%"], center: ["50%", "45%"],
        label: { formatter: function (params) { return (params.data.mark) + " " + params.value; }, fontSize: 14 },
        data: [
          { name: labels.covered, value: chart.covered, mark: MARKS.met, itemStyle: { color: PALETTE.blue } },
          { name: labels.uncovered, value: uncovered, mark: MARKS.not_met, itemStyle: { color: PALETTE.orange, decal: STRIPES } }
        ]
      }]
    };
  }

  function monthlyOption(chart, container) {
    var t = texts();
    var months = chart.rows.map(function (row) { return row.month.slice(0, 2); });
    var symbols = { met: "circle", not_met: "triangle", no_data: "emptyCircle" };
    return {
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: months },
      yAxis: [
        { type: "value", name: t.index + " (%)", min: 0, max: 100, nameTextStyle: { align: "left" } },
        { type: "value", name: t.responses, splitLine: { show: false }, nameTextStyle: { align: "right" } }
      ],
      series: [
        { type: "bar", name: t.responses, yAxisIndex: 1, data: chart.rows.map(function (row) { return row.count; }),
          itemStyle: { color: PALETTE.sky }, barMaxWidth: 26 },
        { type: "line", name: t.index, yAxisIndex: 0, connectNulls: false, lineStyle: { color: PALETTE.black, width: 2 },
          itemStyle: { color: PALETTE.black },
          data: chart.rows.map(function (row) {
            return { value: row.value, status: row.status, symbol: symbols[row.status] || "circle", symbolSize: 11,
              itemStyle: { color: statusColour(row.status) } };
          }),
          label: { show: container.clientWidth >= 700, position: "top",
            formatter: function (params) { return params.value === null ? "" : (MARKS[params.data.status] || "") + formatNumber(params.value); } },
          markLine: targetLine(chart, "y") }
      ]
    };
  }

  function countOption(rows, key, colour, container) {
    var counts = {};
    var order = [];
    rows.forEach(function (row) {
      var name = shortName(row[key]);
      if (!(name in counts)) { counts[name] = 0; order.push(name); }
      counts[name] += 1;
    });
    order.sort(function (a, b) { return counts[b] - counts[a]; });
    return {
      grid: { left: 8, right: 24, top: 8, bottom: 24, containLabel: true },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: order, inverse: true, axisLabel: { width: narrow(container) ? 120 : 240, overflow: "truncate" } },
      series: [{ type: "bar", data: order.map(function (name) { return counts[name]; }), itemStyle: { color: colour },
        barMaxWidth: 22, label: { show: true, position: "right" } }]
    };
  }

  function option(chart, container) {
    if (chart.kind === "units") { return unitsOption(chart, container); }
    if (chart.kind === "coverage") { return coverageOption(chart); }
    if (chart.kind === "monthly") { return monthlyOption(chart, container); }
    if (chart.kind === "overdue") { return countOption(chart.rows, "unit", PALETTE.vermillion, container); }
    if (chart.kind === "awards") { return countOption(chart.rows, "award", PALETTE.green, container); }
    return null;
  }

  function chartHeight(chart) {
    if (chart.kind === "units") {
      return Math.max(160, 60 + 30 * chart.rows.filter(function (row) { return row.value !== null; }).length);
    }
    if (chart.kind === "overdue" || chart.kind === "awards") {
      var names = {};
      chart.rows.forEach(function (row) { names[row[chart.kind === "overdue" ? "unit" : "award"]] = true; });
      return Math.max(120, 60 + 32 * Object.keys(names).length);
    }
    return 300;
  }

  function indicatorCards(chart) {
    var list = element("ul", { "class": "indicator-cards" });
    chart.rows.forEach(function (row) {
      if (row.status === "not_applicable") { return; }
      var card = list.appendChild(element("li", { "class": "stat indicator " + row.status }));
      card.appendChild(element("strong", {}, row.label));
      var value = row.value === null ? texts().noData : formatNumber(row.value) + (row.unit_of_measure === "%" ? "%" : " " + (row.unit_of_measure || ""));
      card.appendChild(element("span", { "class": "big" }, value));
      card.appendChild(element("span", { "class": "verdict " + row.status }, (MARKS[row.status] || "") + " " + row.status_label + " · " + texts().target + " " + row.condition));
      if (row.detail) { card.appendChild(element("small", {}, row.detail)); }
    });
    return list;
  }

  var charts = [];

  function render(block, data) {
    var frame = block.querySelector("[data-dashboard-charts]");
    frame.textContent = "";
    data.charts.forEach(function (chart, position) {
      var id = block.id + "-" + chart.code;
      var card = frame.appendChild(element("article", { "class": "chart-card chart-" + chart.kind, id: id, "aria-labelledby": id + "-title" }));
      card.appendChild(element("h3", { id: id + "-title" }, chart.title));
      card.appendChild(element("p", { "class": "chart-description", id: id + "-description" }, chart.description));
      if (chart.summary) { card.appendChild(element("p", { "class": "chart-summary" }, chart.summary)); }
      if (chart.kind === "indicators") {
        card.appendChild(indicatorCards(chart));
      } else if (chart.empty && !chart.rows.some(function (row) { return row.value !== null || chart.kind === "overdue" || chart.kind === "awards"; })) {
        card.appendChild(element("p", { "class": "muted chart-empty" }, chart.empty));
      } else {
        var box = card.appendChild(element("div", {
          "class": "chart", role: "img", "data-height": String(chartHeight(chart)),
          "aria-label": chart.title + ". " + (chart.summary || ""), "aria-describedby": id + "-description"
        }));
        // CSSOM, not a style attribute: the CSP allows it.
        box.style.height = chartHeight(chart) + "px";
        var instance = window.echarts.init(box, null, { renderer: "canvas" });
        var settings = option(chart, box);
        settings.aria = { enabled: true, decal: { show: false }, label: { description: chart.title + ". " + (chart.description || "") + " " + (chart.summary || "") } };
        settings.tooltip = { trigger: chart.kind === "monthly" ? "axis" : "item", renderMode: "richText", confine: true };
        settings.animation = false;
        settings.textStyle = { fontFamily: "inherit", fontSize: 13 };
        instance.setOption(settings);
        charts.push(instance);
      }
      if (chart.rows.length) {
        var details = card.appendChild(element("details", { "class": "chart-table" }));
        details.appendChild(element("summary", {}, texts().table));
        var scroll = details.appendChild(element("div", { "class": "table-scroll" }));
        scroll.appendChild(table(chart, id + "-description"));
      }
      if (chart.export_url) {
        var exports = card.appendChild(element("p", { "class": "exports" }));
        exports.appendChild(element("a", { href: chart.export_url, "class": "export-link" }, texts().export));
      }
      card.dataset.position = String(position);
    });
  }

  function load(block) {
    var status = block.querySelector("[data-dashboard-status]");
    if (status) { status.textContent = texts().loading; }
    fetch(block.dataset.dashboard, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (data) {
        render(block, data);
        // Said to screen readers (the status is live), then out of sight.
        if (status) { status.textContent = texts().loaded; status.classList.add("visually-hidden"); }
        block.setAttribute("data-loaded", "true");
      })
      .catch(function () {
        if (status) { status.textContent = texts().error; }
        block.setAttribute("data-loaded", "error");
      });
  }

  var resizing = null;
  function resizeAll() {
    if (resizing) { window.cancelAnimationFrame(resizing); }
    resizing = window.requestAnimationFrame(function () {
      charts.forEach(function (instance) { instance.resize(); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!window.echarts) { return; }
    Array.prototype.forEach.call(document.querySelectorAll("[data-dashboard]"), load);
    window.addEventListener("resize", resizeAll);
  });
}());
