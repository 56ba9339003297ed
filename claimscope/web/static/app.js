// Click a highlight: show what was read from it. Values go in with textContent, never as HTML.
document.addEventListener("DOMContentLoaded", () => {
  const panel = document.getElementById("detail");
  if (!panel) return;
  const show = (mark) => {
    document.querySelectorAll("mark.hl.active").forEach((m) => m.classList.remove("active"));
    mark.classList.add("active");
    panel.replaceChildren();
    const detail = JSON.parse(mark.dataset.detail || "{}");
    for (const [key, value] of Object.entries(detail)) {
      if (value === null || value === "") continue;
      const dt = document.createElement("dt");
      dt.textContent = key;
      const dd = document.createElement("dd");
      dd.textContent = String(value);
      panel.append(dt, dd);
    }
  };
  document.querySelectorAll("mark.hl").forEach((mark) => {
    mark.addEventListener("click", () => show(mark));
    mark.addEventListener("keydown", (e) => { if (e.key === "Enter") show(mark); });
  });
});
