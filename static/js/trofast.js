// Trofast's own behaviour. Loaded as a file: no inline scripts (strict CSP).
document.documentElement.classList.add("js");
document.addEventListener("change", function (event) {
  const el = event.target;
  if (el.matches && el.matches("[data-autosubmit]") && el.form) {
    el.form.submit();
  }
});
