// Shows the "may be out of date" warning when the reader's day is more than one day past the
// figures' date (data-as-of, YYYY-MM-DD). The page is whole without it.
(function () {
  var line = document.querySelector("[data-as-of]");
  var warning = document.querySelector(".as-of-stale");
  if (!line || !warning) return;
  var parts = line.getAttribute("data-as-of").split("-").map(Number);
  var asOf = new Date(parts[0], parts[1] - 1, parts[2]);
  var now = new Date();
  var today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  if (Math.round((today - asOf) / 86400000) > 1) warning.style.display = "";
})();
