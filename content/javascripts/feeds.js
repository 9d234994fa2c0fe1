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
