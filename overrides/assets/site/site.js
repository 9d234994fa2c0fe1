/*
 * Small enhancements for the generated pages; everything works without them.
 * - Search typed with or without diacritics: queries are folded before they
 *   reach the search worker, whose index is folded too (lunr.vi.min.js).
 * - Filterable lists and tables: <div class="filterable"> and
 *   <div class="data-table" data-filters="2,5"> (1-based columns that get a
 *   drop-down; a cell with several <span class="filter-value"> offers each);
 *   table headers sort on click.
 */
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }

  // Material's search sends {type: 2, data: query} to its worker.
  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    if (message && message.type === 2 && typeof message.data === "string") {
      arguments[0] = { type: 2, data: fold(message.data) };
    }
    return post.apply(this, arguments);
  };

  function input(placeholder) {
    var box = document.createElement("input");
    box.type = "search";
    box.className = "filter-input";
    box.placeholder = placeholder || "Lọc, không cần dấu";
    box.setAttribute("aria-label", box.placeholder);
    return box;
  }

  function counter() {
    var out = document.createElement("span");
    out.className = "filter-count";
    out.setAttribute("aria-live", "polite");
    return out;
  }

  function cellValue(cell) {
    var key = cell.querySelector("[data-sort]");  // a name: its rank in Vietnamese name order
    if (key) return key.getAttribute("data-sort");
    var status = cell.querySelector(".status");
    return (status || cell).textContent.trim();
  }

  // A cell listing several values (<span class="filter-value">) offers each one in its drop-down.
  function cellValues(cell) {
    var parts = cell.querySelectorAll(".filter-value");
    if (!parts.length) return [cellValue(cell)];
    return Array.prototype.map.call(parts, function (p) { return p.textContent.trim(); });
  }

  function setupList(box) {
    var items = Array.prototype.slice.call(box.querySelectorAll("li"));
    var field = input(box.dataset.placeholder);
    var count = counter();
    var keys = items.map(function (li) { return fold(li.textContent); });
    // data-until-typed: the list stays folded until a name is typed (the home page's first screen).
    var folded = box.hasAttribute("data-until-typed");
    function apply() {
      var words = fold(field.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      items.forEach(function (li, i) {
        var ok = words.every(function (w) { return keys[i].indexOf(w) !== -1; }) && !(folded && !words.length);
        li.hidden = !ok;
        shown += ok ? 1 : 0;
      });
      count.textContent = folded && !words.length ? items.length + " đồng chí" : shown + "/" + items.length;
    }
    field.addEventListener("input", apply);
    box.insertBefore(count, box.firstChild);
    box.insertBefore(field, box.firstChild);
    apply();
  }

  function sortKey(text) {
    var d = /^(?:\D*?)(\d{2})\/(\d{2})\/(\d{4})/.exec(text);
    return d ? d[3] + d[2] + d[1] : text;
  }

  function setupTable(box) {
    var table = box.querySelector("table");
    if (!table) return;
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var bar = document.createElement("div");
    bar.className = "filter-bar";
    var field = input(box.dataset.placeholder);
    bar.appendChild(field);
    var keys = rows.map(function (row) { return fold(row.textContent); });
    var selects = (box.dataset.filters || "").split(",").filter(Boolean).map(function (n) {
      var column = parseInt(n, 10) - 1;
      var select = document.createElement("select");
      select.setAttribute("aria-label", headers[column].textContent);
      var values = {};
      rows.forEach(function (row) {
        cellValues(row.cells[column]).forEach(function (v) { values[v] = true; });
      });
      var all = document.createElement("option");
      all.value = "";
      all.textContent = headers[column].textContent + ": tất cả";
      select.appendChild(all);
      Object.keys(values).sort(function (a, b) { return a.localeCompare(b, "vi"); }).forEach(function (v) {
        var option = document.createElement("option");
        option.value = v;
        option.textContent = v;
        select.appendChild(option);
      });
      bar.appendChild(select);
      return { column: column, select: select };
    });
    var count = counter();
    bar.appendChild(count);
    function apply() {
      var words = fold(field.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row, i) {
        var ok = words.every(function (w) { return keys[i].indexOf(w) !== -1; }) &&
          selects.every(function (s) {
            return !s.select.value || cellValues(row.cells[s.column]).indexOf(s.select.value) !== -1;
          });
        row.hidden = !ok;
        shown += ok ? 1 : 0;
      });
      count.textContent = "Hiển thị " + shown + "/" + rows.length;
    }
    field.addEventListener("input", apply);
    selects.forEach(function (s) { s.select.addEventListener("change", apply); });
    headers.forEach(function (header, column) {
      header.tabIndex = 0;
      header.setAttribute("aria-sort", "none");
      function sort() {
        var ascending = header.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (h) { h.setAttribute("aria-sort", "none"); });
        header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        rows.slice().sort(function (a, b) {
          var x = sortKey(cellValue(a.cells[column])), y = sortKey(cellValue(b.cells[column]));
          return (ascending ? 1 : -1) * x.localeCompare(y, "vi", { numeric: true });
        }).forEach(function (row) { body.appendChild(row); });
      }
      header.addEventListener("click", sort);
      header.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sort(); }
      });
    });
    box.insertBefore(bar, box.firstChild);
    apply();
  }

  // The heading a table sits under, to name its scroll box for a screen reader.
  function headingBefore(node) {
    for (; node && !node.classList.contains("md-typeset"); node = node.parentElement) {
      for (var prev = node.previousElementSibling; prev; prev = prev.previousElementSibling) {
        if (/^H[1-6]$/.test(prev.tagName)) return prev.textContent.replace(/¶$/, "").trim();
      }
    }
    return document.title;
  }

  // A wide table scrolls inside its own box (Material's scrollwrap): reachable by keyboard.
  function setupScroll(box) {
    box.tabIndex = 0;
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", "Bảng: " + headingBefore(box) + " (cuộn ngang để xem hết)");
  }

  // Material wraps the tables once its own script has run on the page.
  function setupScrolls() {
    document.querySelectorAll(".md-typeset__scrollwrap:not([role])").forEach(setupScroll);
  }
  if (window.document$) window.document$.subscribe(function () { setTimeout(setupScrolls); });
  window.addEventListener("load", setupScrolls);
  document.querySelectorAll(".filterable").forEach(setupList);
  document.querySelectorAll(".data-table").forEach(setupTable);
})();
