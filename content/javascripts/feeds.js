// The "Sao chép" button of a subscribe box: copy the calendar address beside it (no network, no library).
document.addEventListener("click", async (event) => {
  const button = event.target.closest(".feed-copy");
  if (!button) return;
  const field = button.parentElement.querySelector(".feed-address");
  field.select();
  try {
    await navigator.clipboard.writeText(field.value);
  } catch {
    document.execCommand("copy"); // pages opened from disk have no clipboard API
  }
  button.textContent = "Đã sao chép";
});

// The way of subscribing that works on the device the page is opened on: open it and put it first;
// the others stay a tap away. The button under a member's what-to-do box goes straight to the
// webcal address on an iPhone, iPad or Mac (the Calendar app subscribes); elsewhere to the ways.
(() => {
  const agent = navigator.userAgent;
  const device = /Android/i.test(agent) ? "android"
    : /iPhone|iPad|iPod|Macintosh/.test(agent) ? "apple"
      : /Thunderbird/.test(agent) ? "thunderbird"
        : /Windows/.test(agent) ? "windows" : "";
  document.querySelectorAll(".feed-subscribe").forEach((box) => {
    const way = box.querySelector(`.feed-way[data-device="${device}"]`);
    if (way) {
      way.open = true;
      box.insertBefore(way, box.firstElementChild);
    }
  });
  document.querySelectorAll(".feed-button a[data-guide]").forEach((button) => {
    if (device !== "apple") button.href = button.dataset.guide;
    if (device === "android") button.textContent = "Thêm lịch vào điện thoại Android";
  });
})();
