// Glue between a d/m/BBBB text box and its cally calendar (widgets/thai_date.html).
// The server reads and checks the date (itaplan.lib.dates); this only copies the picked day
// into the box in the agency's digits, and opens the calendar on the day already typed.
import "./cally.js";

const THAI = "๐๑๒๓๔๕๖๗๘๙";
const arabic = (text) => text.replace(/[๐-๙]/g, (d) => String(THAI.indexOf(d)));
const pad = (n) => String(n).padStart(2, "0");

function isoOf(text) {
  const m = arabic(text).trim().match(/^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})$/);
  if (!m) return "";
  let year = Number(m[3]);
  if (year < 100) year += 2500;
  return `${year - 543}-${pad(m[2])}-${pad(m[1])}`;
}

function typedOf(iso, thaiDigits) {
  const [y, m, d] = iso.split("-").map(Number);
  const text = `${d}/${m}/${y + 543}`;
  return thaiDigits ? text.replace(/\d/g, (d) => THAI[Number(d)]) : text;
}

// Capture: the calendar's change event does not bubble.
document.addEventListener(
  "change",
  (event) => {
    const calendar = event.target.closest?.("calendar-date[data-for]");
    if (!calendar || !calendar.value) return;
    const input = document.getElementById(calendar.dataset.for);
    input.value = typedOf(calendar.value, calendar.dataset.thaiDigits === "1");
    input.dispatchEvent(new Event("input", { bubbles: true }));
    calendar.closest("[popover]")?.hidePopover();
    input.focus();
  },
  true,
);

document.addEventListener(
  "beforetoggle",
  (event) => {
    if (event.newState !== "open") return;
    const calendar = event.target.querySelector?.("calendar-date[data-for]");
    if (!calendar) return;
    const iso = isoOf(document.getElementById(calendar.dataset.for).value);
    if (iso) {
      calendar.value = iso;
      calendar.focusedDate = iso;
    }
  },
  true,
);
