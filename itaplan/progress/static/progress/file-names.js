// A file name too long for the upload is refused here, before sending, so that the
// typed text stays on the page. Django refuses a multipart part whose headers pass
// 1 KB (a security limit); a long Thai name (3 bytes a letter) passes it, and the
// whole form would come back as a generic 400 with everything typed lost.
const LIMIT_BYTES = 700;

for (const form of document.querySelectorAll("form[data-long-file-name]")) {
  form.addEventListener("submit", (event) => {
    const encoder = new TextEncoder();
    const tooLong = [];
    for (const input of form.querySelectorAll("input[type=file]")) {
      for (const file of input.files) {
        if (encoder.encode(file.name).length > LIMIT_BYTES) tooLong.push(file.name);
      }
    }
    if (!tooLong.length) return;
    event.preventDefault();
    let notice = form.querySelector(".long-file-name");
    if (!notice) {
      notice = document.createElement("div");
      notice.className = "notice error long-file-name";
      notice.setAttribute("role", "alert");
      form.prepend(notice);
    }
    notice.textContent = tooLong
      .map((name) => {
        const shown = name.length > 40 ? `${name.slice(0, 40)}…` : name;
        return form.dataset.longFileName
          .replace("{name}", shown)
          .replace("{length}", String(name.length));
      })
      .join(" ");
    notice.scrollIntoView({ block: "center" });
  });
}
