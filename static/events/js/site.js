// Filters apply as soon as a choice changes (the Filter button stays for keyboards and no-JS).
document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
  select.addEventListener("change", function () {
    select.form.requestSubmit();
  });
});
